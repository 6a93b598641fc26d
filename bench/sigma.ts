/**
 * The SigmaHQ corpus benchmark: rule load time, events/s (median of several runs) through
 * the full-corpus engine with logsource routing and the candidate index, average candidate
 * rules per event, RSS. Input: events generated from every rule's own detection
 * (test/sigma/generate-events.ts), padded with 12 neutral fields so keyword searches and
 * lookups see realistically sized events; a second measurement makes every padding string
 * unique per event, so no value repeats between events. Baselines in the same run: the engine
 * without its value index (routing only), and the reference evaluator on a sample.
 *
 *   npm run bench -- sigma
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Logsource } from '../src/logsource.js';
import type { SigmaRule } from '../src/sigma/ast.js';
import { logsourceAccepts, SigmaEngine } from '../src/sigma/engine/sigma-engine.js';
import { parseSigmaText } from '../src/sigma/parse/parse-text.js';
import { referenceMatches } from '../src/sigma/reference/evaluate.js';
import { mulberry32 } from '../test/seeded-random.js';
import { CORPUS_DIR, CORPUS_FOLDERS, listFiles } from '../test/sigma/corpus.js';
import { generateEvents } from '../test/sigma/generate-events.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface BenchEvent {
  readonly data: Record<string, unknown>;
  readonly logsource: Logsource;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Deterministic shuffle (mulberry32) so runs compare. */
function shuffle<T>(items: T[], seed = 42): T[] {
  const random = mulberry32(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const PADDING: Record<string, unknown> = {};
for (let i = 0; i < 12; i++)
  PADDING[`cw_pad_${i}`] =
    i % 3 === 0
      ? 4242 + i
      : `C:\\Program Files\\Vendor ${i}\\agent.exe --config default.yaml --id ${i}`;

function loadRules(): { rules: SigmaRule[]; files: number; ms: number } {
  const start = performance.now();
  const rules: SigmaRule[] = [];
  let files = 0;
  for (const folder of CORPUS_FOLDERS) {
    for (const file of listFiles(join(CORPUS_DIR, folder), ['.yml'])) {
      files += 1;
      for (const document of parseSigmaText(readFileSync(file, 'utf8'), file).documents) {
        if (document.kind === 'rule') rules.push(document.rule);
      }
    }
  }
  return { rules, files, ms: performance.now() - start };
}

interface RunResult {
  /** Events per wall-clock second. */
  readonly eventsPerSecond: number;
  /** Events per second of CPU time of this process (robust when the machine is shared). */
  readonly eventsPerCpuSecond: number;
  readonly candidates: number;
  readonly matches: number;
}

function run(engine: SigmaEngine, events: readonly BenchEvent[]): RunResult {
  engine.stats.events = 0;
  engine.stats.candidates = 0;
  engine.stats.matches = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (const event of events) engine.match(event.data, event.logsource);
  const cpu = process.cpuUsage(cpuStart);
  const seconds = (performance.now() - start) / 1000;
  return {
    eventsPerSecond: events.length / seconds,
    eventsPerCpuSecond: events.length / ((cpu.user + cpu.system) / 1e6),
    candidates: engine.stats.candidates / engine.stats.events,
    matches: engine.stats.matches / engine.stats.events,
  };
}

/** Per-event latency in microseconds (one extra pass, each event timed on its own). */
function latencies(engine: SigmaEngine, events: readonly BenchEvent[]): Float64Array {
  const out = new Float64Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const start = performance.now();
    engine.match(event.data, event.logsource);
    out[i] = (performance.now() - start) * 1000;
  }
  return out.sort();
}

function main(): void {
  const loaded = loadRules();
  const compileStart = performance.now();
  const { engine } = SigmaEngine.fromRules(loaded.rules);
  const compileMs = performance.now() - compileStart;
  const { engine: routingOnly } = SigmaEngine.fromRules(loaded.rules, { useValueIndex: false });

  const events: BenchEvent[] = [];
  for (const compiled of engine.rules) {
    const generated = generateEvents(compiled.rule);
    for (const data of [...generated.positives, ...generated.negatives]) {
      events.push({ data: { ...PADDING, ...data }, logsource: compiled.logsource });
    }
  }
  shuffle(events);
  // The same events with every padding string made unique (no value repeats between events):
  // shows what the engine's memos of repeated values contribute, and costs when they miss.
  const uniqueEvents: BenchEvent[] = events.map((event, i) => {
    const data: Record<string, unknown> = { ...event.data };
    for (const key of Object.keys(PADDING)) {
      const value = data[key];
      if (typeof value === 'string') data[key] = `${value} #${i}`;
    }
    return { data, logsource: event.logsource };
  });

  run(engine, events); // warm-up (JIT, bucket building)
  const indexed = Array.from({ length: RUNS }, () => run(engine, events));
  const latency = latencies(engine, events);
  // After the latency pass: these events turn the memos off for a while.
  run(engine, uniqueEvents);
  const unique = Array.from({ length: 3 }, () => run(engine, uniqueEvents));
  const percentile = (p: number) =>
    latency[Math.min(latency.length - 1, Math.floor(latency.length * p))]!;
  // The baseline is ~50x slower: it runs on every 10th event.
  const baselineEvents = events.filter((_, i) => i % 10 === 0);
  run(routingOnly, baselineEvents);
  const baseline = Array.from({ length: 3 }, () => run(routingOnly, baselineEvents));

  // The reference evaluator on a sample: every 50th event against the rules of its logsource.
  const sample = events.filter((_, i) => i % 50 === 0);
  const referenceStart = performance.now();
  for (const event of sample) {
    for (const compiled of engine.rules) {
      if (logsourceAccepts(compiled.logsource, event.logsource))
        referenceMatches(compiled.rule, event.data);
    }
  }
  const referenceRate = sample.length / ((performance.now() - referenceStart) / 1000);

  const rss = process.memoryUsage().rss / 1024 / 1024;
  const rate = median(indexed.map((r) => r.eventsPerSecond));
  const rows: [string, string][] = [
    ['Node', process.version],
    ['CPU', `${cpus()[0]?.model ?? 'unknown'} (${cpus().length} logical, 1 used)`],
    [
      'corpus',
      `SigmaHQ/sigma@8eaafff1: ${loaded.files} files, ${loaded.rules.length} rules parsed, ${engine.rules.length} compiled`,
    ],
    ['rule load (read + parse)', `${loaded.ms.toFixed(0)} ms`],
    ['rule compile', `${compileMs.toFixed(0)} ms`],
    ['events', `${events.length} generated (positives + negatives), +12 padding fields each`],
    [`events/s, engine (median of ${RUNS})`, `${Math.round(rate).toLocaleString('en-US')}`],
    [
      '  runs',
      indexed.map((r) => Math.round(r.eventsPerSecond).toLocaleString('en-US')).join(', '),
    ],
    [
      'events/CPU-second (median)',
      `${Math.round(median(indexed.map((r) => r.eventsPerCpuSecond))).toLocaleString('en-US')}`,
    ],
    [
      'unique padding: events/s, events/CPU-s (median of 3)',
      `${Math.round(median(unique.map((r) => r.eventsPerSecond))).toLocaleString('en-US')}, ${Math.round(median(unique.map((r) => r.eventsPerCpuSecond))).toLocaleString('en-US')}`,
    ],
    [
      'µs/event p50 / p99 (own pass)',
      `${percentile(0.5).toFixed(1)} / ${percentile(0.99).toFixed(1)}`,
    ],
    ['load average (1 min) during run', `${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`],
    ['candidate rules / event', indexed[0]!.candidates.toFixed(2)],
    ['matches / event', indexed[0]!.matches.toFixed(3)],
    [
      'baseline: routing only, no value index',
      `${Math.round(median(baseline.map((r) => r.eventsPerSecond))).toLocaleString('en-US')} events/s, ${baseline[0]!.candidates.toFixed(1)} candidates/event`,
    ],
    [
      'baseline: reference evaluator (sample)',
      `${Math.round(referenceRate).toLocaleString('en-US')} events/s on ${sample.length} events`,
    ],
    ['RSS', `${rss.toFixed(0)} MB`],
  ];
  const width = Math.max(...rows.map(([key]) => key.length));
  process.stdout.write('bench/sigma: SigmaHQ corpus, logsource routing, one core\n\n');
  for (const [key, value] of rows) process.stdout.write(`${key.padEnd(width)}  ${value}\n`);
}

main();
