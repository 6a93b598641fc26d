/**
 * Every log in ../shared/data/real decodes, with pinned counts, and every Panther fixture's
 * envelope is detected as the format its label names. Elastic fixtures (Elastic License) are
 * read in place, never copied.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { detectFormat, FORMATS } from '../src/ingest/formats.js';
import type { NormalizedEvent } from '../src/ingest/index.js';
import { decodeText, readEvents } from '../src/ingest/read-events.js';
import { sharedPath, skipUnlessShared } from './shared-data.js';

const FALCO = sharedPath('data', 'real', 'falco-k8s-audit-traces');
const PANTHER = sharedPath(
  'data',
  'real',
  'panther-k8s-rule-fixtures',
  'panther_k8s_rule_tests.jsonl',
);
const ELASTIC = sharedPath('data', 'real', 'elastic-integrations', 'packages');
const KUBE_AUDIT_REST = sharedPath('data', 'real', 'kube-audit-rest', 'kube-audit-rest.log');

async function collect(paths: string[], dedupe = false) {
  const stream = readEvents(paths, { dedupe });
  const events: NormalizedEvent[] = [];
  for await (const event of stream) events.push(event);
  return { events, stats: stream.stats, issues: stream.issues };
}

test('the 47 Falco traces: 46 decode to 51 events, {"kind": 0} is a clear error', {
  skip: skipUnlessShared('data', 'real', 'falco-k8s-audit-traces'),
}, async () => {
  const traces = readdirSync(FALCO)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(FALCO, name));
  assert.equal(traces.length, 47);
  const out = await collect(traces);
  assert.equal(out.events.length, 51);
  assert.deepEqual(out.stats.eventsByFormat, { 'k8s-audit': 51 });
  assert.deepEqual(out.stats.filesByFormat, { 'k8s-audit': 46, unknown: 1 });
  const bad = join(FALCO, 'fal_01_003.json');
  assert.deepEqual(
    out.issues.map((issue) => [issue.code, issue.location]),
    [['CW_INGEST_UNKNOWN_FORMAT', { file: bad, line: 1 }]],
  );
  assert.match(out.issues[0]?.message ?? '', /JSON object with keys kind/);
  const forced = readEvents([bad], { format: 'k8s-audit' });
  for await (const _ of forced) assert.fail('no event expected');
  assert.equal(forced.issues[0]?.code, 'CW_INGEST_UNRECOGNISED_RECORD');
  assert.deepEqual(forced.issues[0]?.location, { file: bad, line: 1 });
  const versions = new Set(out.events.map((event) => String(event.data.apiVersion)));
  assert.deepEqual([...versions].sort(), ['audit.k8s.io/v1', 'audit.k8s.io/v1beta1', 'undefined']);
  const exec = out.events.filter((event) => event.data.stage === 'ResponseStarted');
  assert.ok(exec.length > 0, 'exec/attach traces at ResponseStarted');
  // With dedupe: every request is at its evaluation stage (exec/attach at ResponseStarted),
  // and two traces reuse an auditID+stage of another trace (hand-trimmed copies).
  const deduped = await collect(traces, true);
  assert.deepEqual(
    [deduped.events.length, deduped.stats.duplicates, deduped.stats.otherStages],
    [49, 2, 0],
  );
});

/** The format a Panther label names: Panther's EKS.Audit is the already-unwrapped Event. */
function expectedFormat(label: string, log: Record<string, unknown>): string {
  if (label === 'Amazon.EKS.Audit') return 'k8s-audit';
  if (label === 'GCP.AuditLog') return 'gke-cloud-audit';
  if (label === 'Azure.MonitorActivity') {
    return String(log.category).startsWith('kube-audit') ? 'aks-diagnostic' : 'azure-activity-log';
  }
  throw new Error(`unlabelled fixture ${label}`);
}

test('the 282 Panther fixtures: each envelope is detected as labelled and decodes to one event', {
  skip: skipUnlessShared('data', 'real', 'panther-k8s-rule-fixtures'),
}, () => {
  const lines = readFileSync(PANTHER, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 282);
  const perFormat: Record<string, number> = {};
  let cronjobEvents = 0;
  for (const [i, line] of lines.entries()) {
    const fixture = JSON.parse(line) as {
      test_name: string;
      rule_log_types: string[];
      log: Record<string, unknown>;
    };
    // p_log_type when Panther set it, else the rule's only log type.
    const label =
      (fixture.log.p_log_type as string | undefined) ??
      (fixture.rule_log_types.length === 1 ? fixture.rule_log_types[0] : undefined) ??
      'unlabelled';
    const expected = expectedFormat(label, fixture.log);
    const out = decodeText(JSON.stringify(fixture.log), { file: `panther:${i + 1}` });
    assert.equal(out.format, expected, `line ${i + 1} (${fixture.test_name})`);
    assert.deepEqual(out.issues, [], `line ${i + 1}`);
    assert.equal(out.events.length, 1, `line ${i + 1}`);
    perFormat[expected] = (perFormat[expected] ?? 0) + 1;
    const objectRef = out.events[0]?.data.objectRef as { resource?: string } | undefined;
    if (objectRef?.resource === 'cronjobs') cronjobEvents++;
  }
  assert.deepEqual(perFormat, {
    'k8s-audit': 188,
    'aks-diagnostic': 34,
    'azure-activity-log': 1,
    'gke-cloud-audit': 59,
  });
  // 8 fixtures mention cronjobs: 6 Kubernetes requests on them (EKS, AKS, GKE) and 2
  // Deployment Manager entries whose permission names a CronJob (not Kubernetes audit).
  assert.equal(cronjobEvents, 6);
});

test('Elastic fixtures: a file mixing raw, GKE and AKS envelopes decodes record by record', {
  skip: skipUnlessShared('data', 'real', 'elastic-integrations'),
}, async () => {
  const pipeline = join(
    ELASTIC,
    'kubernetes',
    'data_stream',
    'audit_logs',
    '_dev',
    'test',
    'pipeline',
  );
  const mixed = await collect([join(pipeline, 'test-audit.log')]);
  assert.deepEqual(mixed.issues, []);
  assert.deepEqual(
    mixed.events.map((event) => event.format),
    ['k8s-audit', 'k8s-audit', 'k8s-audit', 'gke-cloud-audit', 'aks-diagnostic'],
  );
  // Cross-check with Elastic's own parse of the first four lines.
  const expected = JSON.parse(
    readFileSync(join(pipeline, 'test-audit.log-expected.json'), 'utf8'),
  ) as {
    expected: Array<{ kubernetes: { audit: Record<string, unknown> } }>;
  };
  // Elastic's pipeline drops empty strings (the core group's apiGroup ""); compare without them.
  const withoutEmpty = (value: unknown): unknown =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).filter(([, field]) => field !== ''))
      : value;
  for (const [i, doc] of expected.expected.entries()) {
    const audit = doc.kubernetes.audit;
    const data = mixed.events[i]?.data ?? {};
    for (const field of ['auditID', 'verb', 'stage', 'requestURI', 'objectRef', 'sourceIPs']) {
      if (audit[field] !== undefined) {
        assert.deepEqual(withoutEmpty(data[field]), audit[field], `doc ${i} ${field}`);
      }
    }
    const user = audit.user as { username?: string } | undefined;
    if (user?.username !== undefined) {
      assert.equal((data.user as { username?: string }).username, user.username, `doc ${i} user`);
    }
  }
  const aks = await collect([join(pipeline, 'test-kube-audit.log')]);
  assert.deepEqual(
    aks.events.map((event) => [event.format, event.data.verb]),
    [['aks-diagnostic', 'update']],
  );
  const platform = await collect([
    join(
      ELASTIC,
      'azure',
      'data_stream',
      'platformlogs',
      '_dev',
      'test',
      'pipeline',
      'test-platformlogs-kube.log',
    ),
  ]);
  assert.deepEqual(
    platform.events.map((event) => [event.format, event.data.kind]),
    [['aks-diagnostic', 'Event']],
  );
  const gke = await collect([
    join(
      ELASTIC,
      'gcp',
      'data_stream',
      'audit',
      '_dev',
      'test',
      'pipeline',
      'test-k8s-nonmatching-resourcename.log',
    ),
  ]);
  assert.equal(gke.events.length, 1);
  const denied = gke.events[0]?.data ?? {};
  assert.equal(gke.events[0]?.format, 'gke-cloud-audit');
  assert.deepEqual(denied.responseStatus, { code: 403, rpcCode: 7 });
  assert.deepEqual(denied.user, { username: 'system:anonymous' });
  assert.equal(denied.requestURI, '/HNAP1');
  assert.deepEqual(
    (denied.annotations as Record<string, string>)['authorization.k8s.io/decision'],
    'forbid',
  );
});

test('kube-audit-rest AdmissionReviews are left to the endpoint formats: no K8s envelope claims them', {
  skip: skipUnlessShared('data', 'real', 'kube-audit-rest'),
}, () => {
  const text = readFileSync(KUBE_AUDIT_REST, 'utf8');
  const mine = new Set([
    'k8s-audit',
    'k8s-event-list',
    'aks-diagnostic',
    'aks-log-analytics',
    'eks-cloudwatch',
    'eks-subscription',
    'gke-cloud-audit',
    'azure-activity-log',
  ]);
  const k8sFormats = FORMATS.filter((format) => mine.has(format.id));
  assert.equal(k8sFormats.length, mine.size);
  assert.equal(detectFormat(text.slice(0, 65536), k8sFormats), undefined);
});
