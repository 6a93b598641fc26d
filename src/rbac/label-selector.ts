/**
 * Kubernetes label selectors (`matchLabels` AND every `matchExpressions` entry), as the
 * ClusterRole aggregation controller applies them. An empty selector matches everything.
 * @module
 */
import type { LabelSelector } from './model.js';

export function selectorMatches(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (labels[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions) {
    const has = Object.hasOwn(labels, expression.key);
    const value = labels[expression.key];
    switch (expression.operator) {
      case 'In':
        if (!has || value === undefined || !expression.values.includes(value)) return false;
        break;
      case 'NotIn':
        if (has && value !== undefined && expression.values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default: {
        const unreachable: never = expression.operator;
        throw new Error(`unknown selector operator ${String(unreachable)}`);
      }
    }
  }
  return true;
}
