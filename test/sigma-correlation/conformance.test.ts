/**
 * Correlation conformance: each row is a rule + events + expected matches. Times are seconds.
 * Window edges: a timespan of 5m includes events exactly 300 s apart and excludes 300.001 s.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCorrelation, type TestEvent } from './helpers.js';

interface Row {
  readonly name: string;
  readonly yaml: string;
  readonly base: readonly string[];
  readonly events: readonly TestEvent[];
  /** Expected matches: group values and number of contributing events, in emission order. */
  readonly expected: readonly { group: Record<string, unknown>; events: number; value?: number }[];
}

const count = (condition: string, extra = '') => `
title: t
id: c1
correlation:
  type: event_count
  rules: [a]
  group-by: [user]
  timespan: 5m
  condition: ${condition}
${extra}`;

const ROWS: Row[] = [
  {
    name: 'event_count: three events exactly 5m apart (window edge, inclusive) match',
    yaml: count('{gte: 3}'),
    base: ['a'],
    events: [
      ['a', 0, { user: 'u' }],
      ['a', 100, { user: 'u' }],
      ['a', 300, { user: 'u' }],
    ],
    expected: [{ group: { user: 'u' }, events: 3, value: 3 }],
  },
  {
    name: 'event_count: 1 ms past the timespan is outside the window',
    yaml: count('{gte: 3}'),
    base: ['a'],
    events: [
      ['a', 0, { user: 'u' }],
      ['a', 100, { user: 'u' }],
      ['a', 300.001, { user: 'u' }],
    ],
    expected: [],
  },
  {
    name: 'event_count: the window slides (an old event leaves, later ones complete it)',
    yaml: count('{gte: 3}'),
    base: ['a'],
    events: [
      ['a', 0, { user: 'u' }],
      ['a', 200, { user: 'u' }],
      ['a', 400, { user: 'u' }],
      ['a', 450, { user: 'u' }],
    ],
    expected: [{ group: { user: 'u' }, events: 3 }],
  },
  {
    name: 'event_count: groups are counted separately',
    yaml: count('{gte: 2}'),
    base: ['a'],
    events: [
      ['a', 0, { user: 'x' }],
      ['a', 1, { user: 'y' }],
      ['a', 2, { user: 'x' }],
    ],
    expected: [{ group: { user: 'x' }, events: 2 }],
  },
  {
    name: 'event_count: gt is strict',
    yaml: count('{gt: 2}'),
    base: ['a'],
    events: [
      ['a', 0, { user: 'u' }],
      ['a', 1, { user: 'u' }],
    ],
    expected: [],
  },
  {
    name: 'event_count: matched events are consumed, the next match needs new events',
    yaml: count('{gte: 2}'),
    base: ['a'],
    events: [
      ['a', 0, { user: 'u' }],
      ['a', 1, { user: 'u' }],
      ['a', 2, { user: 'u' }],
      ['a', 3, { user: 'u' }],
    ],
    expected: [
      { group: { user: 'u' }, events: 2 },
      { group: { user: 'u' }, events: 2 },
    ],
  },
  {
    name: 'event_count: several group-by fields are AND-ed',
    yaml: `
title: t
correlation:
  type: event_count
  rules: [a]
  group-by: [user, host]
  timespan: 1h
  condition: {gte: 2}
`,
    base: ['a'],
    events: [
      ['a', 0, { user: 'u', host: 'h1' }],
      ['a', 1, { user: 'u', host: 'h2' }],
      ['a', 2, { user: 'v', host: 'h1' }],
      ['a', 3, { user: 'u', host: 'h2' }],
    ],
    expected: [{ group: { user: 'u', host: 'h2' }, events: 2 }],
  },
  {
    name: 'event_count: nested group-by fields walk the event',
    yaml: `
title: t
correlation:
  type: event_count
  rules: [a]
  group-by: [user.username]
  timespan: 1h
  condition: {gte: 2}
`,
    base: ['a'],
    events: [
      ['a', 0, { user: { username: 'alice' } }],
      ['a', 1, { user: { username: 'alice' } }],
    ],
    expected: [{ group: { 'user.username': 'alice' }, events: 2 }],
  },
  {
    name: 'event_count: an absent group-by field groups as null (events are not dropped)',
    yaml: count('{gte: 2}'),
    base: ['a'],
    events: [
      ['a', 0, {}],
      ['a', 1, { other: 1 }],
    ],
    expected: [{ group: { user: null }, events: 2 }],
  },
  {
    name: 'event_count: several referenced rules are counted together',
    yaml: `
title: t
correlation:
  type: event_count
  rules: [a, b]
  group-by: [user]
  timespan: 1m
  condition: {gte: 2}
`,
    base: ['a', 'b', 'c'],
    events: [
      ['a', 0, { user: 'u' }],
      ['c', 1, { user: 'u' }],
      ['b', 2, { user: 'u' }],
    ],
    expected: [{ group: { user: 'u' }, events: 2 }],
  },
  {
    name: 'range (gt 2 and lte 4): three events in the window match when it closes',
    yaml: count('{gt: 2, lte: 4}'),
    base: ['a'],
    events: [
      ['a', 0, { user: 'u' }],
      ['a', 10, { user: 'u' }],
      ['a', 20, { user: 'u' }],
    ],
    expected: [{ group: { user: 'u' }, events: 3, value: 3 }],
  },
  {
    name: 'range (gt 2 and lte 4): five events in the window are above the range',
    yaml: count('{gt: 2, lte: 4}'),
    base: ['a'],
    events: [
      ['a', 0, { user: 'u' }],
      ['a', 10, { user: 'u' }],
      ['a', 20, { user: 'u' }],
      ['a', 30, { user: 'u' }],
      ['a', 40, { user: 'u' }],
    ],
    expected: [],
  },
  {
    name: 'range: windows close when time passes them, not only at the end of the stream',
    yaml: count('{gte: 1, lt: 3}'),
    base: ['a'],
    events: [
      ['a', 0, { user: 'u' }],
      ['a', 1, { user: 'u' }],
      ['a', 1000, { user: 'v' }],
      ['a', 1001, { user: 'v' }],
      ['a', 1002, { user: 'v' }],
    ],
    expected: [{ group: { user: 'u' }, events: 2 }],
  },
  {
    name: 'lt: a quiet group (fewer than 3 events in 5m) matches at close',
    yaml: count('{lt: 3}'),
    base: ['a'],
    events: [
      ['a', 0, { user: 'u' }],
      ['a', 299, { user: 'u' }],
      ['a', 0, { user: 'busy' }],
      ['a', 1, { user: 'busy' }],
      ['a', 2, { user: 'busy' }],
    ],
    expected: [{ group: { user: 'u' }, events: 2 }],
  },
  {
    name: 'eq: exactly two events',
    yaml: count('{eq: 2}'),
    base: ['a'],
    events: [
      ['a', 0, { user: 'two' }],
      ['a', 1, { user: 'two' }],
      ['a', 0, { user: 'three' }],
      ['a', 1, { user: 'three' }],
      ['a', 2, { user: 'three' }],
    ],
    expected: [{ group: { user: 'two' }, events: 2 }],
  },
  {
    name: 'neq: any count but one',
    yaml: count('{neq: 1}'),
    base: ['a'],
    events: [
      ['a', 0, { user: 'one' }],
      ['a', 0, { user: 'two' }],
      ['a', 1, { user: 'two' }],
    ],
    expected: [{ group: { user: 'two' }, events: 2 }],
  },
  {
    name: 'value_count: three distinct users per host',
    yaml: `
title: t
correlation:
  type: value_count
  rules: [a]
  group-by: [host]
  timespan: 1h
  condition: {field: user, gte: 3}
`,
    base: ['a'],
    events: [
      ['a', 0, { host: 'h', user: 'x' }],
      ['a', 1, { host: 'h', user: 'x' }],
      ['a', 2, { host: 'h', user: 'y' }],
      ['a', 3, { host: 'g', user: 'z' }],
      ['a', 4, { host: 'h', user: 'z' }],
    ],
    expected: [{ group: { host: 'h' }, events: 4, value: 3 }],
  },
  {
    name: 'value_count: two distinct values are not enough',
    yaml: `
title: t
correlation:
  type: value_count
  rules: [a]
  group-by: [host]
  timespan: 1h
  condition: {field: user, gte: 3}
`,
    base: ['a'],
    events: [
      ['a', 0, { host: 'h', user: 'x' }],
      ['a', 1, { host: 'h', user: 'y' }],
      ['a', 2, { host: 'h', user: 'x' }],
      ['a', 3, { host: 'h' }],
    ],
    expected: [],
  },
  {
    name: 'value_count: several fields count distinct tuples',
    yaml: `
title: t
correlation:
  type: value_count
  rules: [a]
  group-by: [host]
  timespan: 1h
  condition: {field: [user, domain], gte: 2}
`,
    base: ['a'],
    events: [
      ['a', 0, { host: 'h', user: 'x', domain: 'd1' }],
      ['a', 1, { host: 'h', user: 'x', domain: 'd2' }],
    ],
    expected: [{ group: { host: 'h' }, events: 2, value: 2 }],
  },
  {
    name: 'temporal: all rules in any order within the timespan',
    yaml: `
title: t
correlation:
  type: temporal
  rules: [a, b, c]
  group-by: [user]
  timespan: 5m
`,
    base: ['a', 'b', 'c'],
    events: [
      ['c', 0, { user: 'u' }],
      ['a', 100, { user: 'u' }],
      ['b', 300, { user: 'u' }],
    ],
    expected: [{ group: { user: 'u' }, events: 3, value: 3 }],
  },
  {
    name: 'temporal: a rule outside the timespan does not count',
    yaml: `
title: t
correlation:
  type: temporal
  rules: [a, b, c]
  group-by: [user]
  timespan: 5m
`,
    base: ['a', 'b', 'c'],
    events: [
      ['c', 0, { user: 'u' }],
      ['a', 100, { user: 'u' }],
      ['b', 300.001, { user: 'u' }],
    ],
    expected: [],
  },
  {
    name: 'temporal: repeats of one rule do not stand in for another',
    yaml: `
title: t
correlation:
  type: temporal
  rules: [a, b]
  group-by: [user]
  timespan: 5m
`,
    base: ['a', 'b'],
    events: [
      ['a', 0, { user: 'u' }],
      ['a', 1, { user: 'u' }],
      ['b', 2, { user: 'v' }],
    ],
    expected: [],
  },
  {
    name: 'temporal with condition gte 2 of 3 rules',
    yaml: `
title: t
correlation:
  type: temporal
  rules: [a, b, c]
  group-by: [user]
  timespan: 5m
  condition: {gte: 2}
`,
    base: ['a', 'b', 'c'],
    events: [
      ['a', 0, { user: 'u' }],
      ['c', 1, { user: 'u' }],
    ],
    expected: [{ group: { user: 'u' }, events: 2, value: 2 }],
  },
  {
    name: 'temporal_ordered: rules in the listed order match',
    yaml: `
title: t
correlation:
  type: temporal_ordered
  rules: [a, b]
  group-by: [user]
  timespan: 5m
`,
    base: ['a', 'b'],
    events: [
      ['a', 0, { user: 'u' }],
      ['b', 60, { user: 'u' }],
    ],
    expected: [{ group: { user: 'u' }, events: 2, value: 2 }],
  },
  {
    name: 'temporal_ordered: the reverse order does not match (temporal would)',
    yaml: `
title: t
correlation:
  type: temporal_ordered
  rules: [a, b]
  group-by: [user]
  timespan: 5m
`,
    base: ['a', 'b'],
    events: [
      ['b', 0, { user: 'u' }],
      ['a', 60, { user: 'u' }],
    ],
    expected: [],
  },
  {
    name: 'temporal_ordered: b, a, b matches with the later b',
    yaml: `
title: t
correlation:
  type: temporal_ordered
  rules: [a, b]
  group-by: [user]
  timespan: 5m
`,
    base: ['a', 'b'],
    events: [
      ['b', 0, { user: 'u' }],
      ['a', 60, { user: 'u' }],
      ['b', 120, { user: 'u' }],
    ],
    expected: [{ group: { user: 'u' }, events: 3 }],
  },
  {
    name: 'temporal_ordered: order is judged by event time, not arrival (within lateness)',
    yaml: `
title: t
correlation:
  type: temporal_ordered
  rules: [a, b]
  group-by: [user]
  timespan: 5m
`,
    base: ['a', 'b'],
    events: [
      ['b', 10, { user: 'u' }],
      ['a', 5, { user: 'u' }],
    ],
    expected: [{ group: { user: 'u' }, events: 2 }],
  },
  {
    name: 'temporal boolean condition (SEP #198): a and b, any order',
    yaml: `
title: t
correlation:
  type: temporal
  rules: [a, b, c]
  group-by: [user]
  timespan: 5m
  condition: a and (b or c)
`,
    base: ['a', 'b', 'c'],
    events: [
      ['c', 0, { user: 'u' }],
      ['a', 10, { user: 'u' }],
      ['b', 0, { user: 'v' }],
    ],
    expected: [{ group: { user: 'u' }, events: 2, value: 1 }],
  },
  {
    name: 'temporal boolean condition with not: a without b, decided when the window closes',
    yaml: `
title: t
correlation:
  type: temporal
  rules: [a, b]
  group-by: [user]
  timespan: 5m
  condition: a and not b
`,
    base: ['a', 'b'],
    events: [
      ['a', 0, { user: 'alone' }],
      ['a', 0, { user: 'paired' }],
      ['b', 200, { user: 'paired' }],
      ['a', 1000, { user: 'late-b' }],
      ['b', 1300.001, { user: 'late-b' }],
    ],
    expected: [
      { group: { user: 'alone' }, events: 1, value: 1 },
      { group: { user: 'late-b' }, events: 1, value: 1 },
    ],
  },
  {
    name: 'aliases: the spec example groups by a field named differently per rule',
    yaml: `
title: t
correlation:
  type: temporal
  rules: [internal_error, new_network_connection]
  group-by: [internal_ip, remote_ip]
  timespan: 10s
  aliases:
    internal_ip:
      internal_error: destination.ip
      new_network_connection: source.ip
    remote_ip:
      internal_error: source.ip
      new_network_connection: destination.ip
`,
    base: ['internal_error', 'new_network_connection'],
    events: [
      ['internal_error', 0, { source: { ip: '1.1.1.1' }, destination: { ip: '10.0.0.1' } }],
      ['new_network_connection', 5, { source: { ip: '10.0.0.2' }, destination: { ip: '1.1.1.1' } }],
      [
        'new_network_connection',
        10,
        { source: { ip: '10.0.0.1' }, destination: { ip: '1.1.1.1' } },
      ],
    ],
    expected: [{ group: { internal_ip: '10.0.0.1', remote_ip: '1.1.1.1' }, events: 2 }],
  },
  {
    name: 'value_sum: bytes over 1000 in the window',
    yaml: `
title: t
correlation:
  type: value_sum
  rules: [a]
  group-by: [user]
  timespan: 1h
  condition: {field: bytes, gt: 1000}
`,
    base: ['a'],
    events: [
      ['a', 0, { user: 'u', bytes: 600 }],
      ['a', 1, { user: 'v', bytes: 300 }],
      ['a', 2, { user: 'u', bytes: '500' }],
      ['a', 3, { user: 'v', bytes: 300 }],
    ],
    expected: [{ group: { user: 'u' }, events: 2, value: 1100 }],
  },
  {
    name: 'value_sum: non-numeric values are ignored',
    yaml: `
title: t
correlation:
  type: value_sum
  rules: [a]
  group-by: [user]
  timespan: 1h
  condition: {field: bytes, gt: 1000}
`,
    base: ['a'],
    events: [
      ['a', 0, { user: 'u', bytes: 'lots' }],
      ['a', 1, { user: 'u', bytes: 900 }],
    ],
    expected: [],
  },
  {
    name: 'value_avg: average above 500',
    yaml: `
title: t
correlation:
  type: value_avg
  rules: [a]
  group-by: [user]
  timespan: 1h
  condition: {field: bytes, gt: 500}
`,
    base: ['a'],
    events: [
      ['a', 0, { user: 'u', bytes: 400 }],
      ['a', 1, { user: 'u', bytes: 700 }],
    ],
    expected: [{ group: { user: 'u' }, events: 2, value: 550 }],
  },
  {
    name: 'value_avg with an upper bound is decided at close over the whole window',
    yaml: `
title: t
correlation:
  type: value_avg
  rules: [a]
  group-by: [user]
  timespan: 1m
  condition: {field: ms, lt: 100}
`,
    base: ['a'],
    events: [
      ['a', 0, { user: 'fast', ms: 50 }],
      ['a', 1, { user: 'fast', ms: 70 }],
      ['a', 0, { user: 'slow', ms: 50 }],
      ['a', 1, { user: 'slow', ms: 500 }],
    ],
    expected: [{ group: { user: 'fast' }, events: 2, value: 60 }],
  },
  {
    name: 'value_percentile: 90th percentile at or above 900',
    yaml: `
title: t
correlation:
  type: value_percentile
  rules: [a]
  group-by: [user]
  timespan: 1h
  condition: {field: bytes, percentile: 90, gte: 900}
`,
    base: ['a'],
    events: [
      ['a', 0, { user: 'u', bytes: 100 }],
      ['a', 1, { user: 'u', bytes: 1000 }],
    ],
    expected: [{ group: { user: 'u' }, events: 2, value: 910 }],
  },
  {
    name: 'value_median: median of 1, 2, 10 is 2',
    yaml: `
title: t
correlation:
  type: value_median
  rules: [a]
  group-by: [user]
  timespan: 1h
  condition: {field: n, eq: 2}
`,
    base: ['a'],
    events: [
      ['a', 0, { user: 'u', n: 1 }],
      ['a', 1, { user: 'u', n: 10 }],
      ['a', 2, { user: 'u', n: 2 }],
    ],
    expected: [{ group: { user: 'u' }, events: 3, value: 2 }],
  },
];

describe('correlation conformance table', () => {
  for (const row of ROWS) {
    test(row.name, () => {
      const { matches } = runCorrelation(row.yaml, row.base, row.events, {
        allowedLatenessMs: 60_000,
      });
      const actual = matches.map((m) => ({
        group: m.group,
        events: m.eventCount,
        ...(row.expected.some((e) => e.value !== undefined) ? { value: m.value } : {}),
      }));
      const expected = row.expected.map((e) => ({
        group: e.group,
        events: e.events,
        ...(row.expected.some((x) => x.value !== undefined) ? { value: e.value } : {}),
      }));
      assert.deepEqual(actual, expected);
    });
  }
});

/**
 * Window edges for every type: two contributing events exactly `timespan` apart are in one
 * window (inside); 1 ms more and they are not (outside). Each row's condition needs both.
 */
const EDGE_TYPES: readonly { type: string; condition: string; first: string; second: string }[] = [
  { type: 'event_count', condition: '{gte: 2}', first: 'a', second: 'a' },
  { type: 'value_count', condition: '{field: v, gte: 2}', first: 'a', second: 'a' },
  { type: 'temporal', condition: '{gte: 2}', first: 'a', second: 'b' },
  { type: 'temporal_ordered', condition: '{gte: 2}', first: 'a', second: 'b' },
  { type: 'value_sum', condition: '{field: n, gte: 30}', first: 'a', second: 'a' },
  { type: 'value_avg', condition: '{field: n, eq: 15}', first: 'a', second: 'a' },
  {
    type: 'value_percentile',
    condition: '{field: n, percentile: 50, gt: 14, lt: 16}',
    first: 'a',
    second: 'a',
  },
  { type: 'value_median', condition: '{field: n, eq: 15}', first: 'a', second: 'a' },
];

describe('window edges for every correlation type (timespan 5m)', () => {
  for (const row of EDGE_TYPES) {
    const yaml = `title: t\ncorrelation: {type: ${row.type}, rules: [a, b], group-by: [u], timespan: 5m, condition: ${row.condition}}\n`;
    for (const [where, gap, expected] of [
      ['just inside (300 s)', 300, 1],
      ['just outside (300.001 s)', 300.001, 0],
    ] as const) {
      test(`${row.type}: ${where}`, () => {
        // The value_* rows need both events (10 and 20: sum 30, average and median 15); each
        // event alone gives 10 or 20.
        const events = [
          [row.first, 0, { u: 1, v: 'x', n: 10 }],
          [row.second, gap, { u: 1, v: 'y', n: 20 }],
        ] as const;
        const { matches } = runCorrelation(yaml, ['a', 'b'], events, { allowedLatenessMs: 0 });
        assert.equal(matches.length, expected);
      });
    }
  }
});
