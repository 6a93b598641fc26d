/**
 * Writes docs/errors.md from the merged error catalogue (`npm run docs:errors`).
 * `test/errors-doc.test.ts` fails when the committed page and the catalogue differ.
 */
import { writeFileSync } from 'node:fs';
import { ERROR_CATALOGUE } from '../src/errors.js';

export function renderErrorsDoc(): string {
  const rows = Object.entries(ERROR_CATALOGUE)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, info]) => `| \`${code}\` | ${info.meaning} | ${info.fix} |`);
  return [
    '# Error codes',
    '',
    'Every error and issue cronwarden reports carries one of these stable codes. Scripts should',
    'branch on the code, never on the message text. Messages name the place',
    '(`file:line:column`), what was found and what was expected.',
    '',
    'This page is generated from the catalogue in `src/**/error-codes.ts` by',
    '`npm run docs:errors`; a test keeps it in step.',
    '',
    '| code | meaning | how to fix |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc());
}
