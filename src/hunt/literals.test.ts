import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SigmaRule } from '../sigma/ast.js';
import { parseSigmaText } from '../sigma/parse/parse-text.js';
import { and, or, ruleRequirement, simplify } from './literals.js';

function rule(detection: string): SigmaRule {
  const text = `title: t\nlogsource:\n  product: kubernetes\n  service: audit\ndetection:\n${detection}`;
  const documents = parseSigmaText(text, 'r.yml').documents;
  const found = documents.flatMap((d) => (d.kind === 'rule' ? [d.rule] : []));
  assert.equal(found.length, 1, 'the test rule parses');
  return found[0]!;
}

test('AND-ed items give one clause each (the resource AND the verb)', () => {
  const r = rule(`  sel:
    verb: [create, update]
    objectRef.resource: [cronjobs, jobs]
  condition: sel`);
  // "cronjobs" holds "jobs": the clause keeps the shorter; the resource clause is rarer.
  assert.deepEqual(ruleRequirement(r), [['jobs'], ['create', 'update']]);
});

test('OR distributes; NOT, regexes and numbers give nothing', () => {
  const r = rule(`  a:
    objectRef.resource: cronjobs
    verb: create
  b:
    objectRef.resource: pods
  c:
    requestURI|re: 'x+'
  d:
    responseStatus.code: 403
  condition: (a or b) and not d`);
  assert.deepEqual(ruleRequirement(r), [
    ['cronjobs', 'pods'],
    ['create', 'pods'],
  ]);
  assert.deepEqual(ruleRequirement(rule(`  c:\n    requestURI|re: 'x+'\n  condition: c`)), []);
  assert.deepEqual(ruleRequirement(rule(`  d:\n    responseStatus.code: 403\n  condition: d`)), []);
  assert.deepEqual(ruleRequirement(rule(`  a:\n    verb: create\n  condition: not a`)), []);
});

test('contains/all and "x of" follow the plan: all of = AND, 1 of = OR', () => {
  const all = rule(`  a:
    requestObject.cmd|contains|all: ['nc -e', 'bash']
  condition: a`);
  assert.deepEqual(ruleRequirement(all), [['nc -e'], ['bash']]);
  const any = rule(`  s_a:
    verb: create
  s_b:
    verb: patch
  condition: 1 of s_*`);
  assert.deepEqual(ruleRequirement(any), [['create', 'patch']]);
  const every = rule(`  s_a:
    verb: create
  s_b:
    objectRef.resource: jobs
  condition: all of s_*`);
  assert.deepEqual(ruleRequirement(every), [['jobs'], ['create']]);
});

test('simplify drops implied clauses and keeps the most selective first', () => {
  // [cronjobs] implies [jobs, pods]: the weaker clause adds nothing.
  assert.deepEqual(simplify([['jobs', 'pods'], ['cronjobs']]), [['cronjobs']]);
  assert.deepEqual(and([[['get']], [['cronjobs']]]), [['cronjobs'], ['get']]);
  assert.deepEqual(or([[['a1']], []]), [], 'an operand without requirement frees the OR');
  assert.deepEqual(or([[['create'], ['jobs']], [['pods']]]), [
    ['jobs', 'pods'],
    ['create', 'pods'],
  ]);
});
