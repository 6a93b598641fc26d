import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { planFile, readHead, splitRanges } from './plan-file.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-plan-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('ranges start at 0 or right after a LF, cover the file, and never split a line', () => {
  const path = join(dir, 'lines.log');
  const lines = Array.from(
    { length: 40_000 },
    (_, i) => `{"auditID":"${i}","pad":"${'x'.repeat(i % 400)}"}`,
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
  const bytes = readFileSync(path);
  for (const parts of [1, 2, 3, 7]) {
    const ranges = splitRanges(path, bytes.length, parts);
    assert.equal(ranges[0]?.[0], 0);
    assert.equal(ranges.at(-1)?.[1], bytes.length);
    ranges.forEach(([start, end], i) => {
      assert.ok(start < end);
      if (i > 0) {
        assert.equal(start, ranges[i - 1]?.[1]);
        assert.equal(bytes[start - 1], 0x0a, 'a range starts after a LF');
      }
    });
    if (parts > 1) assert.equal(ranges.length, parts);
  }
});

test('the head decides JSON lines, the format, or an unknown-format issue at the first line', () => {
  const audit = join(dir, 'audit.log');
  writeFileSync(
    audit,
    '\uFEFF{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"1","stage":"ResponseComplete","verb":"get","objectRef":{"resource":"pods"}}\r\n',
  );
  const plan = planFile(audit, readHead(audit).lines, undefined);
  assert.deepEqual(plan, { formatId: 'k8s-audit', isJsonLines: true });
  const text = join(dir, 'text.log');
  writeFileSync(text, '\n\nhello world\n');
  const issue = planFile(text, readHead(text).lines, undefined);
  assert.ok(issue && 'code' in issue);
  assert.equal(issue.code, 'CW_INGEST_UNKNOWN_FORMAT');
  assert.deepEqual(issue.location, { file: text, line: 3 });
});
