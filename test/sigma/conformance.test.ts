import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CONDITION_CASES,
  type ConformanceCase,
  ESCAPE_CASES,
  FIELD_CASES,
  MODIFIER_CASES,
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
