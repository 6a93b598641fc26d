import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SigmaRule } from '../ast.js';
import { parseSigmaText } from '../parse/parse-text.js';
import { logsourceAccepts, SigmaEngine } from './sigma-engine.js';
import { matchToFinding } from './to-finding.js';

function rules(text: string): SigmaRule[] {
  return parseSigmaText(text, 'r.yml').documents.flatMap((d) =>
    d.kind === 'rule' ? [d.rule] : [],
  );
}

const RULES = rules(`title: cronjob create
id: 10000000-0000-4000-8000-000000000001
author: tester
level: high
tags: [attack.t1053.007]
logsource: {product: kubernetes, service: audit}
detection:
  sel:
    verb: create
    objectRef.resource: cronjobs
  condition: sel
---
title: registry run key
id: 10000000-0000-4000-8000-000000000002
logsource: {product: windows, category: registry_event}
detection:
  sel:
    TargetObject|contains: '\\CurrentVersion\\Run'
  condition: sel
---
title: any windows keyword
id: 10000000-0000-4000-8000-000000000003
logsource: {product: windows}
detection:
  kw: [mimikatz]
  condition: kw
`);

test('logsource routing: every field the rule sets must be equal (case-insensitive)', () => {
  assert.ok(
    logsourceAccepts({ product: 'windows' }, { product: 'Windows', category: 'process_creation' }),
  );
  assert.ok(
    !logsourceAccepts({ product: 'windows', category: 'registry_event' }, { product: 'windows' }),
  );
  assert.ok(logsourceAccepts({}, { product: 'anything' }));
});

test('an event with several logsources reaches the rules of each, once', () => {
  const { engine } = SigmaEngine.fromRules(RULES);
  const event = {
    TargetObject: 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x',
    Details: 'mimikatz.exe',
  };
  const matches = engine.match(event, [
    { product: 'windows', category: 'registry_set' },
    { product: 'windows', category: 'registry_event' },
  ]);
  assert.deepEqual(matches.map((m) => m.title).sort(), ['any windows keyword', 'registry run key']);
  assert.deepEqual(engine.match(event, { product: 'linux' }), []);
});

test('the value index skips rules whose required value is absent, without losing matches', () => {
  const { engine } = SigmaEngine.fromRules(RULES);
  engine.match(
    { verb: 'get', objectRef: { resource: 'pods' } },
    { product: 'kubernetes', service: 'audit' },
  );
  assert.equal(engine.stats.candidates, 0);
  const hit = engine.match(
    { verb: 'create', objectRef: { resource: 'cronjobs' } },
    { product: 'kubernetes', service: 'audit' },
  );
  assert.equal(hit.length, 1);
  assert.deepEqual(hit[0]!.matched, [
    { field: 'verb', value: 'create' },
    { field: 'objectRef.resource', value: 'cronjobs' },
  ]);
});

test('matchStream yields every event with its matches, from an async source', async () => {
  const { engine } = SigmaEngine.fromRules(RULES);
  async function* source() {
    yield {
      data: { verb: 'create', objectRef: { resource: 'cronjobs' } },
      logsource: { product: 'kubernetes', service: 'audit' },
    };
    yield { data: { verb: 'list' }, logsource: { product: 'kubernetes', service: 'audit' } };
  }
  const seen: number[] = [];
  for await (const { matches } of engine.matchStream(source())) seen.push(matches.length);
  assert.deepEqual(seen, [1, 0]);
});

test('a match becomes a sigma finding with origin, level, tags and matched fields', () => {
  const { engine } = SigmaEngine.fromRules(RULES);
  const [match] = engine.match(
    { verb: 'create', objectRef: { resource: 'cronjobs' } },
    { product: 'kubernetes', service: 'audit' },
  );
  const finding = matchToFinding(match!, {
    time: '2026-11-20T10:00:00Z',
    origin: { file: 'a.jsonl', line: 3 },
  });
  assert.deepEqual(finding.rule, {
    id: '10000000-0000-4000-8000-000000000001',
    title: 'cronjob create',
    source: 'sigma',
  });
  assert.equal(finding.level, 'high');
  assert.deepEqual(finding.tags, ['attack.t1053.007']);
  assert.equal(finding.message, 'cronjob create (Sigma rule by tester)');
  assert.deepEqual(finding.origin, { file: 'a.jsonl', line: 3 });
});

const LITERAL_RULES = rules(`title: short contains
logsource: {product: windows, category: process_creation}
detection:
  sel:
    CommandLine|contains: ['^^', '😀']
  condition: sel
---
title: glob
logsource: {product: windows, category: process_creation}
detection:
  sel:
    CommandLine: '*ping*-n ?*'
  condition: sel
---
title: regex
logsource: {product: windows, category: process_creation}
detection:
  sel:
    CommandLine|re: '(?i)\\\\temp\\\\[a-z]+\\.exe'
  condition: sel
`);

test('short contains keys, wildcard patterns and regexes index their required literal', () => {
  const { engine } = SigmaEngine.fromRules(LITERAL_RULES);
  for (const rule of engine.rules) assert.ok(rule.requirement, `${rule.title} has a requirement`);
  const logsource = { product: 'windows', category: 'process_creation' };
  const cases: [string, string[]][] = [
    ['whoami /all', []],
    ['cmd /c p^^ing', ['short contains']],
    ['echo 😀', ['short contains']],
    ['PING.exe -n 3 host', ['glob']],
    ['C:\\Windows\\TEMP\\evil.EXE', ['regex']],
  ];
  for (const [commandLine, expected] of cases) {
    engine.stats.candidates = 0;
    const titles = engine.match({ CommandLine: commandLine }, logsource).map((m) => m.title);
    assert.deepEqual(titles, expected, commandLine);
    assert.equal(engine.stats.candidates, expected.length, `candidates for ${commandLine}`);
  }
});

test('keyword searches are indexed by their literal: other events do not run the rule', () => {
  const { engine } = SigmaEngine.fromRules(RULES);
  const rule = engine.rules.find((r) => r.title === 'any windows keyword')!;
  assert.deepEqual(rule.requirement, [{ field: null, kind: 'contains', keys: ['mimikatz'] }]);
  engine.stats.candidates = 0;
  assert.equal(engine.match({ Image: 'calc.exe' }, { product: 'windows' }).length, 0);
  assert.equal(engine.stats.candidates, 0);
  const matches = engine.match({ a: [{ b: 'Invoke-MIMIKATZ' }] }, { product: 'windows' });
  assert.deepEqual(
    matches.map((m) => m.title),
    ['any windows keyword'],
  );
});
