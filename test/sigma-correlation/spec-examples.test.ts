/**
 * Every YAML example of the correlation specification (../shared/docs/sigma-spec, a public
 * domain copy of SigmaHQ/sigma-specification) parses; fragments without a `correlation`
 * section are wrapped in a title so they can be checked too.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseCorrelationText } from '../../src/sigma/correlation/parse.js';
import { sharedPath, skipUnlessShared } from '../shared-data.js';

const SPEC = ['docs', 'sigma-spec', 'specification', 'sigma-correlation-rules-specification.md'];

test('every correlation example of the specification parses without errors', {
  skip: skipUnlessShared(...SPEC),
}, () => {
  const text = readFileSync(sharedPath(...SPEC), 'utf8');
  const blocks = [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  let correlations = 0;
  for (const block of blocks) {
    if (!/^\s*correlation:/m.test(block)) continue;
    // Fragments that start at `correlation:` get a title so they form a whole document.
    const yaml = /^title:/m.test(block) ? block : `title: example\n${block}`;
    const { rules, issues } = parseCorrelationText(yaml, 'spec.md');
    const errors = issues.filter((issue) => issue.severity === 'error');
    if (!/^\s*type:/m.test(block)) {
      // The §Related rules fragment only shows `rules`: it must fail for what it lacks only.
      assert.ok(
        errors.every((issue) => /missing "correlation\.(type|timespan)"/.test(issue.message)),
      );
      assert.equal(errors.length, 2);
      continue;
    }
    assert.deepEqual(errors, [], `example failed:\n${block}`);
    correlations += rules.length;
  }
  // 9 examples with a correlation section; the complete example has two correlations.
  assert.equal(correlations, 10);
});
