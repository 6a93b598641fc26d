/**
 * Correlation engine throughput: base matches per second for each correlation type over a
 * synthetic stream (10 events per second of event time, 1,000 rotating groups), with state
 * size at the end. Baseline in the same run: pushing matches no correlation consumes.
 * Run: npm run bench -- sigma-correlation
 */
import { cpus } from 'node:os';
import { CorrelationEngine } from '../src/sigma/correlation/engine.js';
import { parseCorrelationText } from '../src/sigma/correlation/parse.js';
import { resolveCorrelations } from '../src/sigma/correlation/resolve.js';

const EVENTS = 300_000;
const GROUPS = 1_000;

const CASES: Record<string, string> = {
  'event_count gte 50':
    '{type: event_count, rules: [a], group-by: [user], timespan: 5m, condition: {gte: 50}}',
  'event_count range (at close)':
    '{type: event_count, rules: [a], group-by: [user], timespan: 5m, condition: {gt: 10, lte: 20}}',
  'value_count gte 20':
    '{type: value_count, rules: [a], group-by: [user], timespan: 5m, condition: {field: host, gte: 20}}',
  'temporal a,b': '{type: temporal, rules: [a, b], group-by: [user], timespan: 5m}',
  'temporal_ordered a,b': '{type: temporal_ordered, rules: [a, b], group-by: [user], timespan: 5m}',
  'value_sum gt 1e6':
    '{type: value_sum, rules: [a], group-by: [user], timespan: 5m, condition: {field: bytes, gt: 1000000}}',
  'value_percentile p95':
    '{type: value_percentile, rules: [a], group-by: [user], timespan: 5m, condition: {field: bytes, percentile: 95, gt: 990}}',
};

function engineFor(body: string): CorrelationEngine {
  const parsed = parseCorrelationText(`title: bench\ncorrelation: ${body}\n`, 'bench.yml');
  if (parsed.rules.length !== 1) throw new Error(JSON.stringify(parsed.issues));
  const { correlations } = resolveCorrelations(parsed.rules, [
    { name: 'a', title: 'a' },
    { name: 'b', title: 'b' },
    { name: 'unused', title: 'unused' },
  ]);
  return new CorrelationEngine(correlations);
}

const events = Array.from({ length: EVENTS }, (_, i) => ({
  rule: { name: i % 3 === 0 ? 'b' : 'a' },
  timeMs: i * 100,
  event: { user: `u${i % GROUPS}`, host: `h${i % 37}`, bytes: (i * 7919) % 1000 },
  origin: { file: 'bench.jsonl', line: i + 1 },
}));

function run(engine: CorrelationEngine, rename?: string): { rate: number; matches: number } {
  const start = process.hrtime.bigint();
  let matches = 0;
  for (const event of events) {
    matches += engine.push(rename ? { ...event, rule: { name: rename } } : event).length;
  }
  matches += engine.flush().length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { rate: EVENTS / seconds, matches };
}

console.log(
  `node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${EVENTS} matches, ${GROUPS} groups`,
);
console.log('case                              matches/s   correlation matches   state after');
const baseline = run(engineFor(CASES['event_count gte 50']!), 'unused');
console.log(
  `${'baseline (no consumer)'.padEnd(32)} ${Math.round(baseline.rate).toLocaleString().padStart(11)}   ${String(baseline.matches).padStart(19)}`,
);
for (const [name, body] of Object.entries(CASES)) {
  const engine = engineFor(body);
  run(engine); // warm-up
  const fresh = engineFor(body);
  const result = run(fresh);
  const stats = fresh.stats();
  console.log(
    `${name.padEnd(32)} ${Math.round(result.rate).toLocaleString().padStart(11)}   ${String(result.matches).padStart(19)}   ${stats.groups} groups, ${stats.entries} entries, late ${stats.late}`,
  );
}
console.log(`rss ${Math.round(process.memoryUsage().rss / 1048576)} MiB`);
