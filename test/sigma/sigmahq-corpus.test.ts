/**
 * `rules lint` over the SigmaHQ corpus (SigmaHQ/sigma@8eaafff1, ../shared/data/real/sigmahq-rules):
 * every rule parses and compiles, or is rejected for a specification-level reason. The counts
 * are pinned per folder.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { lintSources } from '../../src/sigma/lint/lint.js';
import { skipUnlessShared } from '../shared-data.js';
import { CORPUS_DIR, listFiles } from './corpus.js';

const skip = skipUnlessShared('data', 'real', 'sigmahq-rules');

const EXPECTED = {
  rules: { files: 3141, ok: 3141, error: 0, reasons: {} },
  'rules-emerging-threats': { files: 473, ok: 471, error: 2, reasons: { CW_SIGMA_PLACEHOLDER: 2 } },
  'rules-threat-hunting': { files: 140, ok: 140, error: 0, reasons: {} },
  // 3 deprecated Azure rules with %placeholders% (8 items) and one v1 `| count()` aggregation.
  deprecated: {
    files: 172,
    ok: 168,
    error: 4,
    reasons: { CW_SIGMA_PLACEHOLDER: 8, CW_SIGMA_CONDITION: 1 },
  },
} as const;

describe('SigmaHQ corpus lint', { skip }, () => {
  for (const [folder, expected] of Object.entries(EXPECTED)) {
    test(`${folder}: ${expected.ok} of ${expected.files} rules compile; the rest name a spec-level reason`, () => {
      const files = listFiles(join(CORPUS_DIR, folder), ['.yml', '.yaml']);
      const report = lintSources(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
      assert.equal(report.files, expected.files);
      assert.equal(report.counts.ok, expected.ok);
      assert.equal(report.counts.error, expected.error);
      assert.equal(report.counts.unchecked, 0);
      assert.deepEqual(report.reasons, expected.reasons);
      for (const entry of report.entries.filter((e) => e.outcome === 'error')) {
        for (const issue of entry.issues) {
          assert.ok(
            ['CW_SIGMA_PLACEHOLDER', 'CW_SIGMA_CONDITION'].includes(issue.code),
            issue.message,
          );
          assert.ok(issue.location?.line, 'located');
        }
      }
    });
  }

  test('regression_data info.yml files are recognised as not Sigma documents', () => {
    const files = listFiles(join(CORPUS_DIR, 'regression_data'), ['.yml']);
    const report = lintSources(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
    assert.equal(report.counts['not-sigma'], 203);
    assert.equal(report.counts.error, 0);
  });
});
