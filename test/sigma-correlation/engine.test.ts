/**
 * Correlation engine behaviour beyond the conformance table: chaining, generate, origins,
 * out-of-order events, late events and bounded state.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorrelationEngine } from '../../src/sigma/correlation/engine.js';
import { parseCorrelationText } from '../../src/sigma/correlation/parse.js';
import { resolveCorrelations } from '../../src/sigma/correlation/resolve.js';
import { runCorrelation } from './helpers.js';

// The specification's own example (§Example): failed logins followed by a successful login.
const SPEC_CHAIN = `
title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
correlation:
  type: temporal_ordered
  rules:
    - multiple_failed_login
    - successful_login
  group-by:
    - User
  timespan: 10m
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: multiple_failed_login
correlation:
  type: event_count
  rules:
    - failed_login
  group-by:
    - User
  timespan: 10m
  condition:
    gte: 10
`;

test('chaining: the spec example fires after 10 failed logins then a success', () => {
  const events = [
    ...Array.from({ length: 10 }, (_, i) => ['failed_login', i * 10, { User: 'bob' }] as const),
    ['successful_login', 200, { User: 'bob' }] as const,
  ];
  const { matches } = runCorrelation(SPEC_CHAIN, ['failed_login', 'successful_login'], events);
  assert.deepEqual(
    matches.map((m) => [m.key, m.eventCount]),
    [
      ['a8418a5a-5fc4-46b5-b23b-6c73beb19d41', 10],
      ['b180ead8-d58f-40b2-ae54-c8940995b9b6', 2],
    ],
  );
  const outer = matches[1]!;
  assert.deepEqual(outer.group, { User: 'bob' });
  // related[] of the outer finding reaches the 11 raw records through the inner match.
  assert.equal(outer.originCount, 11);
  assert.deepEqual(outer.origins[0], { file: 'events.jsonl', line: 1 });
  assert.deepEqual(outer.origins.at(-1), { file: 'events.jsonl', line: 11 });
});

test('chaining: a success before the failures does not fire the ordered outer rule', () => {
  const events = [
    ['successful_login', 0, { User: 'bob' }] as const,
    ...Array.from({ length: 10 }, (_, i) => ['failed_login', 1 + i, { User: 'bob' }] as const),
  ];
  const { matches } = runCorrelation(SPEC_CHAIN, ['failed_login', 'successful_login'], events);
  assert.deepEqual(
    matches.map((m) => m.key),
    ['a8418a5a-5fc4-46b5-b23b-6c73beb19d41'],
  );
});

test('generate: referenced rules are quiet by default and reported with generate: true', () => {
  const parsed = parseCorrelationText(
    `
title: quiet
correlation: {type: event_count, rules: [a], group-by: [u], timespan: 1m, condition: {gte: 2}}
---
title: loud
correlation: {type: event_count, rules: [b], group-by: [u], timespan: 1m, condition: {gte: 2}}
generate: true
`,
    'g.yml',
  );
  const resolution = resolveCorrelations(parsed.rules, [
    { name: 'a', title: 'a' },
    { name: 'b', title: 'b' },
    { name: 'c', title: 'c' },
  ]);
  assert.deepEqual([...resolution.quietKeys], ['a']);
});

test('contributors and origins point at the raw records of the window', () => {
  const { matches } = runCorrelation(
    'title: t\ncorrelation: {type: event_count, rules: [a], group-by: [u], timespan: 1m, condition: {gte: 2}}',
    ['a'],
    [
      ['a', 0, { u: 1 }],
      ['a', 5, { u: 2 }],
      ['a', 10, { u: 1 }],
    ],
  );
  assert.equal(matches.length, 1);
  const match = matches[0]!;
  assert.deepEqual(match.window, { startMs: 0, endMs: 10_000 });
  assert.deepEqual(
    match.contributors.map((c) => [c.ruleKey, c.timeMs]),
    [
      ['a', 0],
      ['a', 10_000],
    ],
  );
  assert.deepEqual(match.origins, [
    { file: 'events.jsonl', line: 1 },
    { file: 'events.jsonl', line: 3 },
  ]);
});

const COUNT3 =
  'title: t\nid: c3\ncorrelation: {type: event_count, rules: [a], group-by: [u], timespan: 1m, condition: {gte: 3}}';

test('out of order within the allowed lateness: the event is placed by its time', () => {
  const { matches, issues } = runCorrelation(
    COUNT3,
    ['a'],
    [
      ['a', 100, { u: 1 }],
      ['a', 160, { u: 1 }],
      ['a', 130, { u: 1 }],
    ],
    { allowedLatenessMs: 60_000 },
  );
  assert.equal(matches.length, 1);
  assert.deepEqual(issues, []);
});

test('an event later than the allowed lateness is counted and reported, not correlated', () => {
  const { matches, issues, engine } = runCorrelation(
    COUNT3,
    ['a'],
    [
      ['a', 100, { u: 1 }],
      ['a', 200, { u: 1 }],
      ['a', 150, { u: 1 }],
      ['a', 190, { u: 1 }],
    ],
    { allowedLatenessMs: 30_000 },
  );
  assert.equal(matches.length, 0);
  assert.equal(engine.stats().late, 1);
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.code, 'CW_SIGMA_CORRELATION_LATE_EVENT');
  assert.deepEqual(issues[0]!.location, { file: 'events.jsonl', line: 3 });
});

test('a match without an event time is reported as CW_SIGMA_CORRELATION_NO_TIME', () => {
  const parsed = parseCorrelationText(COUNT3, 'c.yml');
  const { correlations } = resolveCorrelations(parsed.rules, [{ name: 'a', title: 'a' }]);
  const engine = new CorrelationEngine(correlations);
  engine.push({
    rule: { name: 'a' },
    timeMs: Number.NaN,
    event: {},
    origin: { file: 'x', line: 7 },
  });
  const issues = engine.takeIssues();
  assert.equal(issues[0]?.code, 'CW_SIGMA_CORRELATION_NO_TIME');
  assert.deepEqual(issues[0]?.location, { file: 'x', line: 7 });
  assert.equal(engine.stats().noTime, 1);
});

test('state stays bounded: 200,000 events over 50,000 groups keep only the live window', () => {
  const parsed = parseCorrelationText(
    `
title: lower
id: lower
correlation: {type: value_count, rules: [a], group-by: [u], timespan: 1m, condition: {field: v, gte: 1000}}
---
title: upper
id: upper
correlation: {type: event_count, rules: [a], group-by: [u], timespan: 1m, condition: {lt: 0.5, neq: 7}}
`,
    'bound.yml',
  );
  assert.deepEqual(parsed.issues, []);
  const { correlations } = resolveCorrelations(parsed.rules, [{ name: 'a', title: 'a' }]);
  const engine = new CorrelationEngine(correlations, { allowedLatenessMs: 1000 });
  let peakGroups = 0;
  let peakEntries = 0;
  // 10 events per second, 4 per group, each group lives 0.4 s: about 60 s * 10 = 600 entries
  // can be inside a 1-minute window (+1 s lateness), whatever the stream length.
  for (let i = 0; i < 200_000; i++) {
    engine.push({ rule: { name: 'a' }, timeMs: i * 100, event: { u: `g${i >> 2}`, v: i } });
    if (i % 1000 === 0) {
      const { groups, entries } = engine.stats();
      peakGroups = Math.max(peakGroups, groups);
      peakEntries = Math.max(peakEntries, entries);
    }
  }
  const stats = engine.stats();
  assert.ok(peakEntries <= 2 * 620, `entries peaked at ${peakEntries}`);
  assert.ok(peakGroups <= 2 * 160, `groups peaked at ${peakGroups}`);
  assert.ok(stats.entries <= 2 * 620);
  assert.equal(stats.late, 0);
  engine.flush();
  assert.equal(engine.stats().entries, 0);
});

test('hard bounds: groups beyond maxGroups are dropped with one CW_SIGMA_CORRELATION_STATE_LIMIT', () => {
  const parsed = parseCorrelationText(COUNT3, 'c.yml');
  const { correlations } = resolveCorrelations(parsed.rules, [{ name: 'a', title: 'a' }]);
  const engine = new CorrelationEngine(correlations, { maxGroups: 10 });
  for (let i = 0; i < 100; i++) engine.push({ rule: { name: 'a' }, timeMs: 0, event: { u: i } });
  assert.equal(engine.stats().groups, 10);
  assert.equal(engine.stats().droppedGroups, 90);
  const issues = engine.takeIssues();
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.code, 'CW_SIGMA_CORRELATION_STATE_LIMIT');
  assert.deepEqual(issues[0]!.location, { file: 'c.yml', line: 1, column: 1 });
});

test('hard bounds: entries beyond maxEventsPerGroup drop the oldest', () => {
  const parsed = parseCorrelationText(COUNT3.replace('gte: 3', 'gte: 30'), 'c.yml');
  const { correlations } = resolveCorrelations(parsed.rules, [{ name: 'a', title: 'a' }]);
  const engine = new CorrelationEngine(correlations, { maxEventsPerGroup: 5 });
  for (let i = 0; i < 20; i++) engine.push({ rule: { name: 'a' }, timeMs: i, event: { u: 1 } });
  assert.equal(engine.stats().entries, 5);
  assert.equal(engine.stats().droppedEntries, 15);
});

test('consumption: a burst of 100 events with gte 10 gives 10 matches, not 91', () => {
  const { matches } = runCorrelation(
    'title: t\ncorrelation: {type: event_count, rules: [a], group-by: [u], timespan: 1h, condition: {gte: 10}}',
    ['a'],
    Array.from({ length: 100 }, (_, i) => ['a', i, { u: 1 }] as const),
  );
  assert.equal(matches.length, 10);
  assert.ok(matches.every((m) => m.eventCount === 10));
});

test('hard bounds on an upper-bounded correlation: the window still closes after a drop', () => {
  const parsed = parseCorrelationText(
    'title: t\ncorrelation: {type: event_count, rules: [a], group-by: [u], timespan: 1m, condition: {lte: 5}}',
    'c.yml',
  );
  const { correlations } = resolveCorrelations(parsed.rules, [{ name: 'a', title: 'a' }]);
  const engine = new CorrelationEngine(correlations, {
    maxEventsPerGroup: 3,
    allowedLatenessMs: 0,
  });
  for (let i = 0; i < 6; i++)
    engine.push({ rule: { name: 'a' }, timeMs: i * 1000, event: { u: 1 } });
  const matches = engine.push({ rule: { name: 'a' }, timeMs: 120_000, event: { u: 2 } });
  assert.equal(matches.length, 1);
  assert.equal(matches[0]?.eventCount, 3);
  assert.equal(engine.stats().droppedEntries, 3);
});
