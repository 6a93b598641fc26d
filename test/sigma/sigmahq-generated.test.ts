/**
 * For every compiling SigmaHQ rule, events generated from its own detection (must match /
 * must not match) give the expected result through the full-corpus engine with logsource
 * routing and the candidate index, and the engine agrees with the reference evaluator
 * (differential test, STYLE.md §7) on every rule of the event's logsource for a sample of
 * the events.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SigmaRule } from '../../src/sigma/ast.js';
import { compileRule } from '../../src/sigma/compile/compile-rule.js';
import { logsourceAccepts, SigmaEngine } from '../../src/sigma/engine/sigma-engine.js';
import { referenceMatches } from '../../src/sigma/reference/evaluate.js';
import { skipUnlessShared } from '../shared-data.js';
import { loadCorpusRules } from './corpus.js';
import { generateEvents } from './generate-events.js';

const skip = skipUnlessShared('data', 'real', 'sigmahq-rules');

describe('SigmaHQ corpus: generated events', { skip }, () => {
  test('positives match, negatives do not, and the engine agrees with the reference', () => {
    const rules: SigmaRule[] = loadCorpusRules()
      .map((entry) => entry.rule)
      .filter((rule) => compileRule(rule).ok);
    const { engine } = SigmaEngine.fromRules(rules);
    assert.equal(engine.rules.length, 3920);
    let withPositive = 0;
    let positives = 0;
    let negatives = 0;
    let differential = 0;
    const failures: string[] = [];
    let counter = 0;
    for (const compiled of engine.rules) {
      const generated = generateEvents(compiled.rule);
      if (generated.positives.length > 0) withPositive += 1;
      const logsource = compiled.logsource;
      const check = (event: Record<string, unknown>, expected: boolean) => {
        const matches = engine.match(event, logsource);
        const fired = matches.some((match) => match.rule === compiled);
        if (fired !== expected)
          failures.push(
            `${compiled.title} (${compiled.id}): expected ${expected} for ${JSON.stringify(event)}`,
          );
        // Differential over every rule of the logsource, on one event in 8.
        if (counter++ % 8 !== 0) return;
        differential += 1;
        const fromEngine = new Set(matches.map((match) => match.rule.rule));
        for (const other of engine.rules) {
          if (!logsourceAccepts(other.logsource, logsource)) continue;
          const reference = referenceMatches(other.rule, event);
          if (reference !== fromEngine.has(other.rule)) {
            failures.push(
              `differential: ${other.title} engine=${!reference} reference=${reference} on ${JSON.stringify(event)}`,
            );
          }
        }
      };
      for (const event of generated.positives) {
        positives += 1;
        check(event, true);
      }
      for (const event of generated.negatives) {
        negatives += 1;
        check(event, false);
      }
    }
    assert.deepEqual(failures.slice(0, 20), []);
    // Pinned: rules for which the generator finds a positive event, and event counts.
    assert.equal(withPositive, 3909);
    assert.ok(positives >= 4400, `positives ${positives}`);
    assert.ok(negatives >= 7800, `negatives ${negatives}`);
    assert.ok(differential > 1500);
  });
});
