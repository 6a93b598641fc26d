/** Builds one-rule engines from a detection block, for table tests. */
import type { Issue } from '../../src/errors.js';
import type { SigmaRule } from '../../src/sigma/ast.js';
import { SigmaEngine } from '../../src/sigma/engine/sigma-engine.js';
import { parseSigmaText } from '../../src/sigma/parse/parse-text.js';
import { referenceMatches } from '../../src/sigma/reference/evaluate.js';

export const TEST_LOGSOURCE = { product: 'test', service: 'conformance' } as const;

export function ruleText(detection: string): string {
  return `title: conformance\nid: 00000000-0000-4000-8000-000000000000\nlogsource:\n  product: test\n  service: conformance\ndetection:${detection}\n`;
}

export function parseOne(detection: string): {
  rule: SigmaRule | undefined;
  issues: readonly Issue[];
} {
  const parsed = parseSigmaText(ruleText(detection), 'case.yml');
  const document = parsed.documents[0];
  return { rule: document?.kind === 'rule' ? document.rule : undefined, issues: parsed.issues };
}

/** Runs a detection over an event through the engine and the reference evaluator. */
export function evaluateBoth(
  detection: string,
  event: Record<string, unknown>,
): { engine: boolean; reference: boolean } {
  const { rule, issues } = parseOne(detection);
  if (rule === undefined)
    throw new Error(`rule does not parse: ${issues.map((i) => i.message).join('; ')}`);
  const { engine, issues: compileIssues } = SigmaEngine.fromRules([rule]);
  if (engine.rules.length !== 1)
    throw new Error(`rule does not compile: ${compileIssues.map((i) => i.message).join('; ')}`);
  return {
    engine: engine.match(event, TEST_LOGSOURCE).length === 1,
    reference: referenceMatches(rule, event),
  };
}
