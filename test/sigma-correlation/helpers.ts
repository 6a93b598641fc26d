/**
 * Test helpers: load correlation YAML, resolve it against named base rules and run events.
 * Used by the correlation conformance tables (not part of the public API).
 */
import type { Issue } from '../../src/errors.js';
import {
  type BaseMatch,
  CorrelationEngine,
  type CorrelationEngineOptions,
  type CorrelationMatch,
} from '../../src/sigma/correlation/engine.js';
import { parseCorrelationText } from '../../src/sigma/correlation/parse.js';
import { type KnownRule, resolveCorrelations } from '../../src/sigma/correlation/resolve.js';

/** `[rule name, time in seconds, event fields]`. */
export type TestEvent = readonly [string, number, Record<string, unknown>];

export interface RunResult {
  readonly matches: CorrelationMatch[];
  readonly issues: Issue[];
  readonly engine: CorrelationEngine;
}

/** Parses `yaml`, resolves against base rules named `baseNames`, feeds `events`, flushes. */
export function runCorrelation(
  yaml: string,
  baseNames: readonly string[],
  events: readonly TestEvent[],
  options: CorrelationEngineOptions = {},
): RunResult {
  const parsed = parseCorrelationText(yaml, 'test.yml');
  const errors = parsed.issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) throw new Error(`test rule does not parse: ${JSON.stringify(errors)}`);
  const base: KnownRule[] = baseNames.map((name) => ({ name, title: name }));
  const resolution = resolveCorrelations(parsed.rules, base);
  const engine = new CorrelationEngine(resolution.correlations, options);
  const matches: CorrelationMatch[] = [];
  events.forEach(([name, seconds, fields], line) => {
    const match: BaseMatch = {
      rule: { name },
      timeMs: seconds * 1000,
      event: fields,
      origin: { file: 'events.jsonl', line: line + 1 },
    };
    matches.push(...engine.push(match));
  });
  matches.push(...engine.flush());
  return { matches, issues: [...resolution.issues, ...engine.takeIssues()], engine };
}
