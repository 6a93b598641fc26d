import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderErrorsDoc } from '../scripts/gen-errors-doc.js';

test('docs/errors.md lists exactly the codes of the catalogue (run npm run docs:errors)', () => {
  const committed = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  assert.equal(committed, renderErrorsDoc());
});
