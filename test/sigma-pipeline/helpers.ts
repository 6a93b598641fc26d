/** Test helpers: a rule + a pipeline -> transformed rule, compiled, run on events. */
import assert from 'node:assert/strict';
import type { Issue } from '../../src/errors.js';
import type { SigmaRule } from '../../src/sigma/ast.js';
import { compileRule, ruleMatches } from '../../src/sigma/compile/compile-rule.js';
import { parseSigmaText } from '../../src/sigma/parse/parse-text.js';
import { applyPipelines, chainPipelines } from '../../src/sigma/pipeline/apply.js';
import { parsePipelineText } from '../../src/sigma/pipeline/parse.js';

export function parseRule(yaml: string): SigmaRule {
  const parsed = parseSigmaText(yaml, 'rule.yml');
  assert.deepEqual(
    parsed.issues.filter((i) => i.severity === 'error'),
    [],
  );
  const document = parsed.documents[0];
  assert.ok(document?.kind === 'rule');
  return document.rule;
}

export interface Outcome {
  readonly rule?: SigmaRule;
  readonly issues: readonly Issue[];
  readonly matches: (event: Record<string, unknown>) => boolean;
}

/** Applies the pipelines (YAML texts) to the rule and compiles it. */
export function process(ruleYaml: string, ...pipelineYamls: string[]): Outcome {
  const pipelines = pipelineYamls.map((text, i) => {
    const parsed = parsePipelineText(text, `pipeline${i}.yml`);
    assert.ok(parsed.pipeline, `pipeline does not parse: ${JSON.stringify(parsed.issues)}`);
    return parsed.pipeline;
  });
  const applied = applyPipelines(parseRule(ruleYaml), chainPipelines(pipelines));
  if (!applied.rule) return { issues: applied.issues, matches: () => false };
  const compiled = compileRule(applied.rule);
  const issues = [...applied.issues, ...compiled.issues];
  if (!compiled.ok) return { rule: applied.rule, issues, matches: () => false };
  return { rule: applied.rule, issues, matches: (event) => ruleMatches(compiled.compiled, event) };
}
