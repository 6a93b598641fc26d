import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shouldColor, stripControl } from './color.js';

test('colour only on a TTY and never with a non-empty NO_COLOR', () => {
  const cases = [
    { isTTY: true, env: {}, expected: true },
    { isTTY: false, env: {}, expected: false },
    { isTTY: undefined, env: {}, expected: false },
    { isTTY: true, env: { NO_COLOR: '1' }, expected: false },
    { isTTY: true, env: { NO_COLOR: 'false' }, expected: false },
    { isTTY: true, env: { NO_COLOR: '' }, expected: true },
  ];
  for (const { isTTY, env, expected } of cases) {
    const stream = isTTY === undefined ? {} : { isTTY };
    assert.equal(shouldColor(stream, env), expected, JSON.stringify({ isTTY, env }));
  }
});

test('stripControl replaces C0/C1 controls and keeps tabs as spaces', () => {
  assert.equal(stripControl('a\u001b[31mb\tc\u009bd\n'), 'a\uFFFD[31mb c\uFFFDd\uFFFD');
});
