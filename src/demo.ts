/**
 * The interim demo use case: lint the bundled example rules and hunt through the bundled
 * hand-written audit sample with the library API (parse → engine → stream of matches).
 * @module
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Finding } from './finding.js';
import type { Logsource } from './logsource.js';
import { SigmaEngine } from './sigma/engine/sigma-engine.js';
import { matchToFinding } from './sigma/engine/to-finding.js';
import { type LintReport, lintSources } from './sigma/lint/lint.js';
import { loadRuleSources } from './sigma/lint/load-sources.js';
import { parseSigmaText } from './sigma/parse/parse-text.js';

export interface DemoResult {
  readonly lint: LintReport;
  readonly rules: number;
  readonly events: number;
  readonly findings: readonly Finding[];
}

const AUDIT: Logsource = { product: 'kubernetes', service: 'audit' };

async function* auditLines(file: string) {
  const lines = createInterface({
    input: createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    const data = JSON.parse(text) as Record<string, unknown>;
    yield { data, logsource: AUDIT, line, file };
  }
}

/** Runs the demo on a package root that holds `rules/examples/` and `samples/`. */
export async function runDemo(root: string): Promise<DemoResult> {
  const sources = await loadRuleSources([join(root, 'rules', 'examples')]);
  const lint = lintSources(sources);
  const rules = sources.flatMap((source) =>
    parseSigmaText(source.text, source.file).documents.flatMap((d) =>
      d.kind === 'rule' ? [d.rule] : [],
    ),
  );
  const { engine } = SigmaEngine.fromRules(rules);
  const findings: Finding[] = [];
  let events = 0;
  const sample = join(root, 'samples', 'k8s-audit-sample.jsonl');
  for await (const { event, matches } of engine.matchStream(auditLines(sample))) {
    events += 1;
    const time = String(event.data.requestReceivedTimestamp ?? '');
    for (const match of matches) {
      findings.push(
        matchToFinding(match, {
          time,
          origin: { file: 'samples/k8s-audit-sample.jsonl', line: event.line },
        }),
      );
    }
  }
  return { lint, rules: engine.rules.length, events, findings };
}
