/**
 * Ground truth from others for CW-001: Panther's labelled fixtures for
 * `Kubernetes.CronJob.CreatedOrModified` (EKS, AKS, GKE) and
 * `GCP.GKE.Kubernetes.Cron.Job.Created.Or.Modified` must agree with CW-001 (every true fires,
 * every false does not), and the Atomic Red Team T1053.007 manifest fires CW-001 both as an
 * audit create event and as an AdmissionReview.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { admissionReviewToAuditEvent } from '../src/admission/review-event.js';
import { loadDetector } from '../src/hunt/detector.js';
import type { NormalizedEvent } from '../src/ingest/event.js';
import { decodeText } from '../src/ingest/read-events.js';
import { sharedPath, skipUnlessShared } from './shared-data.js';

const PANTHER = 'data/real/panther-k8s-rule-fixtures/panther_k8s_rule_tests.jsonl';
const ART = 'data/real/atomic-red-team-T1053.007/cronjob.yaml';
const RULES = new Set([
  'Kubernetes.CronJob.CreatedOrModified',
  'GCP.GKE.Kubernetes.Cron.Job.Created.Or.Modified',
]);

// The Sigma pack only (no analytics): every case is judged on its own, without state.
const detector = loadDetector();

/** The ids of the pack rules that fire on the event. */
function ruleIds(event: NormalizedEvent): string[] {
  const ids: string[] = [];
  detector.detect(event, (finding) => ids.push(finding.rule.id));
  return ids;
}

function firesCw001(events: readonly NormalizedEvent[]): boolean {
  return events.some((event) => ruleIds(event).includes('CW-001'));
}

interface PantherCase {
  rule_id: string;
  test_name: string;
  expected_result: boolean;
  log: unknown;
}

test('CW-001 agrees with every Panther CronJob fixture (EKS, AKS, GKE, GCP)', {
  skip: skipUnlessShared(PANTHER),
}, () => {
  const cases = readFileSync(sharedPath(PANTHER), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as PantherCase)
    .filter((c) => RULES.has(c.rule_id));
  assert.equal(cases.length, 10);
  const disagreements: string[] = [];
  for (const c of cases) {
    const decoded = decodeText(JSON.stringify(c.log), { file: `${c.rule_id}/${c.test_name}` });
    assert.ok(
      decoded.events.length > 0,
      `${c.test_name}: ${decoded.issues[0]?.message ?? 'no event'}`,
    );
    if (firesCw001(decoded.events) !== c.expected_result) {
      disagreements.push(`${c.rule_id} "${c.test_name}" expected ${c.expected_result}`);
    }
  }
  assert.deepEqual(disagreements, []);
});

function artManifest(): Record<string, unknown> {
  return parse(readFileSync(sharedPath(ART), 'utf8')) as Record<string, unknown>;
}

test('the Atomic Red Team T1053.007 manifest fires CW-001 as an audit create event', {
  skip: skipUnlessShared(ART),
}, () => {
  // `kubectl create -f src/cronjob.yaml -n default`, as a cluster that still serves
  // batch/v1beta1 records it (Request level: the body is the manifest as sent).
  const event = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Request',
    auditID: '0e3b7c1a-9f2d-4c6b-8a1e-5d4f3c2b1a09',
    stage: 'ResponseComplete',
    requestURI: '/apis/batch/v1beta1/namespaces/default/cronjobs?fieldManager=kubectl-create',
    verb: 'create',
    user: { username: 'atomic-operator', groups: ['system:authenticated'] },
    sourceIPs: ['198.51.100.7'],
    userAgent: 'kubectl/v1.24.17 (linux/amd64) kubernetes/22a9682',
    objectRef: {
      resource: 'cronjobs',
      namespace: 'default',
      name: 'art',
      apiGroup: 'batch',
      apiVersion: 'v1beta1',
    },
    responseStatus: { metadata: {}, code: 201 },
    requestObject: artManifest(),
  };
  const decoded = decodeText(JSON.stringify(event), { file: 'art-create.json' });
  assert.equal(decoded.events.length, 1);
  assert.equal(firesCw001(decoded.events), true);
});

test('the Atomic Red Team T1053.007 manifest fires CW-001 as an AdmissionReview', {
  skip: skipUnlessShared(ART),
}, () => {
  const manifest = artManifest();
  const review = {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
      kind: { group: 'batch', version: 'v1beta1', kind: 'CronJob' },
      resource: { group: 'batch', version: 'v1beta1', resource: 'cronjobs' },
      requestKind: { group: 'batch', version: 'v1beta1', kind: 'CronJob' },
      requestResource: { group: 'batch', version: 'v1beta1', resource: 'cronjobs' },
      name: 'art',
      namespace: 'default',
      operation: 'CREATE',
      userInfo: { username: 'atomic-operator', groups: ['system:authenticated'] },
      object: { ...manifest, metadata: { name: 'art', namespace: 'default' } },
      oldObject: null,
      dryRun: false,
      options: {
        kind: 'CreateOptions',
        apiVersion: 'meta.k8s.io/v1',
        fieldManager: 'kubectl-create',
      },
    },
  };
  const data = admissionReviewToAuditEvent(review);
  assert.ok(data);
  const event: NormalizedEvent = {
    format: 'admission-review',
    logsource: { product: 'kubernetes', service: 'audit' },
    timeMs: Date.parse('2026-11-24T12:00:00Z'),
    data,
    origin: { file: 'admission', index: 0 },
  };
  assert.equal(firesCw001([event]), true);
  // The every-minute schedule of the manifest is CW-004's business, at admission too.
  const ids = ruleIds(event);
  assert.ok(ids.includes('CW-004'), ids.join(','));
});
