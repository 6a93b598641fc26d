import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { logsourceAccepts, SigmaEngine } from '../../src/sigma/engine/sigma-engine.js';
import { parseSigmaText } from '../../src/sigma/parse/parse-text.js';
import {
  CONDITION_CASES,
  type ConformanceCase,
  ESCAPE_CASES,
  FIELD_CASES,
  MODIFIER_CASES,
  ROUTING_CASES,
  SPEC_EXAMPLES,
} from './conformance-cases.js';
import { evaluateBoth } from './harness.js';

function run(cases: readonly ConformanceCase[]) {
  for (const c of cases) {
    test(`${c.name} → ${c.expected ? 'match' : 'no match'}`, () => {
      const result = evaluateBoth(c.detection, c.event);
      assert.equal(result.engine, c.expected, 'compiled engine');
      assert.equal(result.reference, c.expected, 'reference evaluator');
    });
  }
}

describe('specification examples', () => run(SPEC_EXAMPLES));
describe('modifiers', () => run(MODIFIER_CASES));
describe('wildcards and escaping', () => run(ESCAPE_CASES));
describe('conditions and precedence', () => run(CONDITION_CASES));
describe('fields, values and types', () => run(FIELD_CASES));

describe('logsource routing', () => {
  for (const c of ROUTING_CASES) {
    test(`${c.name} → ${c.expected ? 'runs' : 'does not run'}`, () => {
      assert.equal(logsourceAccepts(c.rule, c.event), c.expected, 'logsourceAccepts');
      const logsource = Object.entries(c.rule)
        .map(([key, value]) => `  ${key}: ${value}`)
        .join('\n');
      const text = `title: routing\nlogsource:\n${logsource}\ndetection:\n  sel:\n    x: 1\n  condition: sel\n`;
      const rules = parseSigmaText(text, 'routing.yml').documents.flatMap((d) =>
        d.kind === 'rule' ? [d.rule] : [],
      );
      const { engine } = SigmaEngine.fromRules(rules);
      assert.equal(engine.match({ x: 1 }, c.event).length === 1, c.expected, 'engine');
    });
  }
});
