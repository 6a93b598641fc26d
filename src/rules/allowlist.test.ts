import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compileValueMatcher,
  loadAllowlist,
  mergeAllowlists,
  parseAllowlist,
} from './allowlist.js';

test('the packaged allow-list parses without issues and names the controllers', () => {
  const lists = loadAllowlist();
  const controllers = lists.get('cw_controllers') ?? [];
  assert.ok(controllers.includes('system:serviceaccount:kube-system:cronjob-controller'));
  for (const name of [
    'cw_platform_identities',
    'cw_protected_namespaces',
    'cw_recon_principals',
    'cw_privileged_service_accounts',
    'cw_trusted_registries',
  ]) {
    assert.ok((lists.get(name) ?? []).length > 0, name);
  }
});

test('an override replaces a list, and extend: true appends to it', () => {
  const base = new Map([['cw_controllers', ['a']]]);
  const replace = parseAllowlist('cw_controllers: [b]\n', 'o.yml');
  assert.deepEqual(mergeAllowlists(base, replace).get('cw_controllers'), ['b']);
  const extend = parseAllowlist('extend: true\ncw_controllers: [b]\n', 'o.yml');
  assert.deepEqual(mergeAllowlists(base, extend).get('cw_controllers'), ['a', 'b']);
});

test('an empty list is CW_RULES_ALLOWLIST at the line of its name', () => {
  const parsed = parseAllowlist('cw_controllers:\n  - a\ncw_registries: []\n', 'mine.yml');
  assert.equal(parsed.issues.length, 1);
  assert.equal(parsed.issues[0]?.code, 'CW_RULES_ALLOWLIST');
  assert.deepEqual(parsed.issues[0]?.location, { file: 'mine.yml', line: 3, column: 1 });
});

test('a misspelled list name and a non-string value are reported with their places', () => {
  const parsed = parseAllowlist('controllers: [a]\ncw_x:\n  - 1\n', 'mine.yml');
  assert.deepEqual(
    parsed.issues.map((issue) => [issue.code, issue.location?.line, issue.location?.column]),
    [
      ['CW_RULES_ALLOWLIST', 1, 1],
      ['CW_RULES_ALLOWLIST', 3, 5],
    ],
  );
});

test('value matchers follow Sigma wildcards, escapes and case-insensitivity', () => {
  const match = compileValueMatcher(['eks:*', 'system:gke-?', 'literal\\*star', 'a.b']);
  assert.equal(match('EKS:addon-manager'), true);
  assert.equal(match('system:gke-x'), true);
  assert.equal(match('system:gke-xy'), false);
  assert.equal(match('literal*star'), true);
  assert.equal(match('literalXstar'), false);
  assert.equal(match('aXb'), false);
  assert.equal(compileValueMatcher([])('x'), false);
});
