import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConditionNode } from '../ast.js';
import { parseCondition, patternMatcher } from './parse.js';

const at = (offset: number) => ({ file: 'c', line: 1, column: offset + 1 });

function shape(node: ConditionNode): string {
  switch (node.kind) {
    case 'or':
      return `(${node.operands.map(shape).join(' | ')})`;
    case 'and':
      return `(${node.operands.map(shape).join(' & ')})`;
    case 'not':
      return `!${shape(node.operand)}`;
    case 'ref':
      return node.name;
    case 'of':
      return `${node.quantifier}(${node.target.kind === 'them' ? 'them' : node.target.pattern})`;
    default:
      return '?';
  }
}

const table: [string, string][] = [
  ['a or b and c', '(a | (b & c))'],
  ['a and b or c', '((a & b) | c)'],
  ['not a and b', '(!a & b)'],
  ['not (a or b)', '!(a | b)'],
  ['1 of sel* and not all of filter*', '(any(sel*) & !all(filter*))'],
  ['any of them or x', '(any(them) | x)'],
  ['((a))', 'a'],
  ['a and b and c', '(a & b & c)'],
];

test('condition precedence: or < and < not < x of < parentheses', () => {
  for (const [text, expected] of table) {
    const parsed = parseCondition(text, at);
    assert.ok(parsed.ok, text);
    assert.equal(shape(parsed.ast), expected, text);
  }
});

test('keywords are lowercase: AND is an identifier, so "a AND b" is an error at AND', () => {
  const parsed = parseCondition('a AND b', at);
  assert.ok(!parsed.ok);
  assert.equal(parsed.issue.location?.column, 3);
});

test('identifier patterns match with * anywhere', () => {
  assert.ok(patternMatcher('sel*')('selection'));
  assert.ok(patternMatcher('*_main')('filter_main'));
  assert.ok(patternMatcher('a*b*c')('aXbYc'));
  assert.ok(!patternMatcher('a*b*c')('aXcYb'));
});
