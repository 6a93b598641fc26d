/**
 * Reads a field of an endpoint event by its Sigma name: a literal key first (Falco and ECS
 * flatten names such as `k8s.pod.name`), then the dotted walk.
 * @module
 */
import { resolvePath } from '../sigma/compile/field-path.js';

export function resolveEventField(data: Readonly<Record<string, unknown>>, field: string): unknown {
  const value = resolvePath(data, field);
  return Array.isArray(value) ? value[0] : value;
}
