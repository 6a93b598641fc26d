import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineSplitter } from './line-splitter.js';

function split(chunks: Buffer[], max?: number) {
  const lines: Array<[number, string]> = [];
  const tooLong: Array<[number, number]> = [];
  const splitter = new LineSplitter(
    { line: (text, n) => lines.push([n, text]), tooLong: (n, bytes) => tooLong.push([n, bytes]) },
    max,
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return { lines, tooLong, count: splitter.lines };
}

test('LF and CRLF terminators, BOM removed, last line without terminator kept', () => {
  const out = split([Buffer.from('\ufeffa\r\nb\nc')]);
  assert.deepEqual(out.lines, [
    [1, 'a'],
    [2, 'b'],
    [3, 'c'],
  ]);
});

test('lines and multi-byte characters split across chunks are joined intact', () => {
  const bytes = Buffer.from('héllo wörld\n{"k":"€"}\n');
  for (let cut = 1; cut < bytes.length; cut++) {
    const out = split([bytes.subarray(0, cut), bytes.subarray(cut)]);
    assert.deepEqual(out.lines, [
      [1, 'héllo wörld'],
      [2, '{"k":"€"}'],
    ]);
  }
});

test('a line over the limit is reported with its size and skipped; the rest continues', () => {
  const chunks = [
    Buffer.from('ok\n'),
    Buffer.alloc(50, 'x'),
    Buffer.alloc(50, 'y'),
    Buffer.from('\nnext\n'),
  ];
  const out = split(chunks, 64);
  assert.deepEqual(out.lines, [
    [1, 'ok'],
    [3, 'next'],
  ]);
  assert.deepEqual(out.tooLong, [[2, 100]]);
});

test('a too-long last line without terminator is still reported', () => {
  const out = split([Buffer.alloc(10, 'x')], 5);
  assert.deepEqual(out.tooLong, [[1, 10]]);
  assert.equal(out.count, 1);
});
