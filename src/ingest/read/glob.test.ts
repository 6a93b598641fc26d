import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globBase, globToRegExp } from './glob.js';

test('glob syntax: *, **, ?, classes and alternatives', () => {
  const cases: Array<[string, string, boolean]> = [
    ['logs/*.jsonl', 'logs/a.jsonl', true],
    ['logs/*.jsonl', 'logs/sub/a.jsonl', false],
    ['logs/**/*.gz', 'logs/a.gz', true],
    ['logs/**/*.gz', 'logs/x/y/a.gz', true],
    ['audit-?.log', 'audit-1.log', true],
    ['audit-?.log', 'audit-12.log', false],
    ['audit-[0-9].log', 'audit-7.log', true],
    ['audit-[!0-9].log', 'audit-7.log', false],
    ['*.{json,jsonl}', 'a.jsonl', true],
    ['*.{json,jsonl}', 'a.log', false],
    ['a+b.(1).log', 'a+b.(1).log', true],
  ];
  for (const [glob, path, expected] of cases) {
    assert.equal(globToRegExp(glob).test(path), expected, `${glob} ~ ${path}`);
  }
});

test('the walk starts at the literal prefix of the glob', () => {
  assert.equal(globBase('logs/2026/*.gz'), 'logs/2026');
  assert.equal(globBase('*.gz'), '.');
  assert.equal(globBase('/var/log/**/audit*.log'), '/var/log');
});
