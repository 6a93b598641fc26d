/**
 * `rules test`: runs every rule against the true-positive and false-positive events kept next
 * to it (`<rule>.yml` + `<rule>.tests/tp/*`, `<rule>.tests/fp/*`), through the real ingest
 * decoders and the real Sigma engine (or the analytic, for stateful rules whose tests live in
 * `rules/analytics/<cw-id>-….tests/`). A case file is one input as a user would feed it (raw
 * audit JSON, an EKS/AKS/GKE envelope, Sysmon, auditd, Activity Log); its envelope is named by
 * the file name (`create.eks.json`). A true-positive case passes when at least one of its
 * events fires the rule; a false-positive case when none does. Every pack rule needs at
 * least two of each.
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ANALYTICS, findAnalytic } from '../analytics/catalogue.js';
import type { Issue } from '../errors.js';
import type { Finding } from '../finding.js';
import { builtinRuleDirs, type Detector, detectorFromRules } from '../hunt/detector.js';
import type { NormalizedEvent } from '../ingest/event.js';
import { decodeText } from '../ingest/read-events.js';
import type { Allowlist } from './allowlist.js';
import { listRuleFiles, loadRules } from './load-rules.js';

/** Decodes one case file's text into events (the ingest layer's `decodeText`). */
export type CaseDecoder = (
  text: string,
  file: string,
) => { readonly events: readonly NormalizedEvent[]; readonly issues: readonly Issue[] };

export type Expectation = 'tp' | 'fp';

export interface CaseResult {
  readonly file: string;
  readonly expected: Expectation;
  /** `raw` or the envelope named in the file name (`eks`, `aks`, `gke`, …). */
  readonly envelope: string;
  readonly events: number;
  readonly hits: number;
  readonly passed: boolean;
  /** Why it failed, in words (empty when it passed). */
  readonly reason: string;
}

export interface RuleTestResult {
  /** Pack id, else the Sigma id, else the file name. */
  readonly ruleId: string;
  readonly title: string;
  readonly file: string;
  readonly kind: 'sigma' | 'analytic';
  readonly cases: readonly CaseResult[];
  /** Problems with the rule or its test folder (missing cases, unloadable rule). */
  readonly problems: readonly string[];
  readonly passed: boolean;
}

export interface RuleTestReport {
  readonly rules: readonly RuleTestResult[];
  readonly issues: readonly Issue[];
  readonly passed: boolean;
}

export interface RuleTestOptions {
  readonly allowlist: Allowlist;
  /** Default: the ingest layer's auto-detecting `decodeText` (every catalogue format). */
  readonly decode?: CaseDecoder;
  /** Minimum true-positive and false-positive cases per pack rule (default 2). */
  readonly minimumCases?: number;
}

const ENVELOPE = /\.([a-z0-9-]+)\.(json|jsonl|xml|log|txt)$/i;

function undecodable(file: string, why: readonly Issue[]): Issue {
  return {
    code: 'CW_RULES_TEST_EVENT',
    severity: 'error',
    message: `test case holds no decodable event${why[0] ? `: ${why[0].message}` : ''}`,
    location: { file },
  };
}

/** Decodes a case file with format auto-detection, as `hunt` would read it. */
export const decodeCase: CaseDecoder = (text, file) => decodeText(text, { file });

/** `create.eks.json` → `eks`; `create.json` → `raw`. */
export function envelopeOf(file: string): string {
  return ENVELOPE.exec(basename(file))?.[1]?.toLowerCase() ?? 'raw';
}

function listCases(testDirectory: string): { file: string; expected: Expectation }[] {
  const cases: { file: string; expected: Expectation }[] = [];
  for (const expected of ['tp', 'fp'] as const) {
    const folder = join(testDirectory, expected);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      const file = join(folder, name);
      if (statSync(file).isFile() && !name.endsWith('.md')) cases.push({ file, expected });
    }
  }
  return cases;
}

/**
 * Decodes and judges every case of a test folder; `countHits` says on how many of a case's
 * events the rule fired. A case that decodes to no event is also an issue.
 */
function runCases(
  testDirectory: string,
  decode: CaseDecoder,
  issues: Issue[],
  countHits: (events: readonly NormalizedEvent[]) => number,
): CaseResult[] {
  return listCases(testDirectory).map((testCase) => {
    const decoded = decode(readFileSync(testCase.file, 'utf8'), testCase.file);
    if (decoded.events.length === 0) issues.push(undecodable(testCase.file, decoded.issues));
    const hits = countHits(decoded.events);
    return {
      ...testCase,
      envelope: envelopeOf(testCase.file),
      events: decoded.events.length,
      hits,
      ...judge(testCase.expected, decoded.events.length, hits, decoded.issues),
    };
  });
}

function count<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  let matching = 0;
  for (const item of items) if (predicate(item)) matching += 1;
  return matching;
}

/** Whether any rule of the detector fires on the event. */
function fires(detector: Detector, event: NormalizedEvent): boolean {
  let fired = false;
  detector.detect(event, () => {
    fired = true;
  });
  return fired;
}

function judge(expected: Expectation, events: number, hits: number, issues: readonly Issue[]) {
  if (events === 0) {
    const why = issues[0]?.message ?? 'the decoder found no event';
    return { passed: false, reason: `no event decoded: ${why}` };
  }
  if (expected === 'tp') {
    return hits > 0 ? { passed: true, reason: '' } : { passed: false, reason: 'rule did not fire' };
  }
  return hits === 0
    ? { passed: true, reason: '' }
    : { passed: false, reason: `rule fired on ${hits} event(s)` };
}

function countProblems(cases: readonly CaseResult[], minimum: number): string[] {
  const problems: string[] = [];
  for (const expected of ['tp', 'fp'] as const) {
    const count = cases.filter((c) => c.expected === expected && c.envelope === 'raw').length;
    if (count < minimum)
      problems.push(`needs at least ${minimum} raw ${expected} cases, has ${count}`);
  }
  return problems;
}

/** Tests every rule (and analytic test folder) under the given paths. */
export function runRuleTests(paths: readonly string[], options: RuleTestOptions): RuleTestReport {
  const minimum = options.minimumCases ?? 2;
  const decode = options.decode ?? decodeCase;
  const set = loadRules(paths, options.allowlist);
  const results: RuleTestResult[] = [];
  const issues: Issue[] = [...set.issues];
  for (const loaded of set.rules) {
    const testDirectory = loaded.file.replace(/\.ya?ml$/i, '.tests');
    // Each rule compiled on its own, so a case proves that this rule fires.
    const detector = detectorFromRules([loaded], options.allowlist);
    issues.push(...detector.issues);
    // Its rules list the compiled rule (if it compiled), then every analytic.
    const compiles = detector.rules.length > ANALYTICS.length;
    const cases = compiles
      ? runCases(testDirectory, decode, issues, (events) =>
          count(events, (event) => fires(detector, event)),
        )
      : [];
    const problems = compiles ? [] : ['rule does not compile'];
    if (loaded.packId !== undefined) problems.push(...countProblems(cases, minimum));
    results.push({
      ruleId: loaded.packId ?? loaded.rule.id ?? basename(loaded.file),
      title: loaded.rule.title,
      file: loaded.file,
      kind: 'sigma',
      cases,
      problems,
      passed: problems.length === 0 && cases.every((c) => c.passed),
    });
  }
  results.push(...runAnalyticTests(paths, options.allowlist, decode, minimum, issues));
  return {
    rules: results,
    issues,
    passed: results.every((r) => r.passed) && !issues.some((i) => i.severity === 'error'),
  };
}

/** Test folders named `<cw-id>-….tests` with no rule file beside them belong to analytics. */
function runAnalyticTests(
  paths: readonly string[],
  allowlist: Allowlist,
  decode: CaseDecoder,
  minimum: number,
  issues: Issue[],
): RuleTestResult[] {
  const results: RuleTestResult[] = [];
  const directories = analyticTestDirectories(paths);
  if (directories.length === 0) return results;
  // The built-in pack runs too: analytics see its findings on the same event (lineage does).
  const detector = detectorFromRules(loadRules(builtinRuleDirs(), allowlist).rules, allowlist);
  for (const directory of directories) {
    const id = /^(cw-\d{3})/i.exec(basename(directory))?.[1]?.toUpperCase() ?? '';
    const definition = findAnalytic(id);
    const cases = definition
      ? runCases(directory, decode, issues, (events) => {
          // Fresh state per case; as hunt runs them, the analytics see the rules' findings
          // on the same record.
          const observe = detector.startAnalytics();
          return count(events, (event) => {
            const findings: Finding[] = [];
            detector.detect(event, (finding) => findings.push(finding));
            if (!detector.needsForAnalytics(event)) return false;
            return observe(event, findings).some((finding) => finding.rule.id === id);
          });
        })
      : [];
    const problems = definition ? countProblems(cases, minimum) : [`no analytic with id ${id}`];
    results.push({
      ruleId: id,
      title: definition?.meta.title ?? basename(directory),
      file: directory,
      kind: 'analytic',
      cases,
      problems,
      passed: problems.length === 0 && cases.every((c) => c.passed),
    });
  }
  return results;
}

function analyticTestDirectories(paths: readonly string[]): string[] {
  const found: string[] = [];
  const ruleFiles = new Set(listRuleFiles(paths).map((file) => file.replace(/\.ya?ml$/i, '')));
  const visit = (path: string) => {
    if (!statSync(path).isDirectory()) return;
    if (path.endsWith('.tests')) {
      const stem = path.slice(0, -'.tests'.length);
      if (!ruleFiles.has(stem) && /^cw-\d{3}/i.test(basename(path))) found.push(path);
      return;
    }
    for (const name of readdirSync(path).sort()) visit(join(path, name));
  };
  for (const path of paths)
    if (existsSync(path)) visit(statSync(path).isDirectory() ? path : dirname(path));
  return found;
}

/** The report as a fixed-width table plus one line per failure. */
export function formatRuleTestTable(report: RuleTestReport): string {
  const header = ['rule', 'kind', 'tp', 'fp', 'envelopes', 'result', 'title'];
  const rows = report.rules.map((rule) => {
    const count = (expected: Expectation) => {
      const cases = rule.cases.filter((c) => c.expected === expected);
      return `${cases.filter((c) => c.passed).length}/${cases.length}`;
    };
    const envelopes = [...new Set(rule.cases.map((c) => c.envelope))].sort().join(',');
    return [
      rule.ruleId,
      rule.kind,
      count('tp'),
      count('fp'),
      envelopes || '-',
      rule.passed ? 'pass' : 'FAIL',
      rule.title,
    ];
  });
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ');
  const failures: string[] = [];
  for (const rule of report.rules) {
    for (const problem of rule.problems) failures.push(`${rule.ruleId}: ${problem} (${rule.file})`);
    for (const c of rule.cases)
      if (!c.passed) failures.push(`${rule.ruleId}: ${c.expected} ${c.file}: ${c.reason}`);
  }
  const passedRules = report.rules.filter((r) => r.passed).length;
  const totalCases = report.rules.reduce((sum, r) => sum + r.cases.length, 0);
  return [
    line(header),
    ...rows.map(line),
    '',
    ...failures,
    `${passedRules}/${report.rules.length} rules passed, ${totalCases} cases`,
    '',
  ].join('\n');
}
