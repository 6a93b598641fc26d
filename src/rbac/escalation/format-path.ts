/**
 * Text and JSON forms of escalation paths: one line per step with its evidence.
 * @module
 */
import { formatGrant, grantToJson } from '../grant.js';
import { type EscalationPath, formatTarget } from './graph.js';
import { formatNode } from './node.js';

/** `1. User bob → ServiceAccount monitoring/prometheus: exec into … [evidence]`. */
export function formatPathLines(path: EscalationPath): string[] {
  const lines: string[] = [];
  path.steps.forEach((step, index) => {
    lines.push(
      `${index + 1}. ${formatNode(step.from)} → ${formatNode(step.edge.to)}: ${step.edge.summary} (${step.edge.kind})`,
    );
    for (const grant of step.edge.evidence) lines.push(`   via ${formatGrant(grant)}`);
  });
  const proof = path.proof === 'superuser' ? 'member of system:masters' : formatGrant(path.proof);
  const verb = path.target.kind === 'cluster-admin' ? 'is' : 'can';
  lines.push(`⇒ ${formatNode(path.end)} ${verb} ${formatTarget(path.target)}: ${proof}`);
  return lines;
}

export function pathToJson(path: EscalationPath): Record<string, unknown> {
  return {
    target: path.target,
    start: formatNode(path.start),
    length: path.steps.length,
    steps: path.steps.map((step) => ({
      from: formatNode(step.from),
      to: formatNode(step.edge.to),
      kind: step.edge.kind,
      summary: step.edge.summary,
      evidence: step.edge.evidence.map(grantToJson),
    })),
    end: formatNode(path.end),
    proof: path.proof === 'superuser' ? 'superuser' : grantToJson(path.proof),
  };
}
