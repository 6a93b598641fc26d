import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CronwardenError } from '../errors.js';
import { writeFileAtomic } from './write-atomic.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-atomic-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('writes a new file and replaces an old one, leaving no temp file', async () => {
  const path = join(dir, 'report.json');
  await writeFileAtomic(path, 'first');
  assert.equal(readFileSync(path, 'utf8'), 'first');
  writeFileSync(path, 'old content that is longer');
  await writeFileAtomic(path, 'second');
  assert.equal(readFileSync(path, 'utf8'), 'second');
  assert.deepEqual(readdirSync(dir), ['report.json']);
});

test('a missing directory is CW_REPORT_WRITE located at the target file', async () => {
  const path = join(dir, 'no-such-dir', 'report.json');
  await assert.rejects(writeFileAtomic(path, 'x'), (error: unknown) => {
    assert.ok(error instanceof CronwardenError);
    assert.equal(error.code, 'CW_REPORT_WRITE');
    assert.deepEqual(error.location, { file: path });
    return true;
  });
});

test('when the rename fails the old file is untouched and the temp file is removed', async () => {
  const target = join(dir, 'a-directory');
  await writeFileAtomic(join(dir, 'keep.txt'), 'keep');
  // Renaming a file over a non-empty directory fails on every platform.
  await import('node:fs/promises').then((fs) =>
    fs.mkdir(join(target, 'child'), { recursive: true }),
  );
  await assert.rejects(writeFileAtomic(target, 'x'), { code: 'CW_REPORT_WRITE' });
  assert.deepEqual(readdirSync(dir).sort(), ['a-directory', 'keep.txt', 'report.json']);
});
