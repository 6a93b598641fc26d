/**
 * Conformance: every upstream Pod Security Admission fixture (kubernetes/pod-security-admission
 * test/testdata, listed in index.tsv) gets the upstream verdict at its level and version — as a
 * Pod, wrapped in a Deployment and wrapped in a CronJob.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { denialMessage, evaluatePod } from '../src/posture/pss/evaluate.js';
import { parsePolicyVersion, parsePssLevel } from '../src/posture/pss/level.js';
import type { PodMetadata, PodSpec } from '../src/posture/pss/pod.js';
import { podTemplateOf } from '../src/posture/pss/template.js';
import { sharedPath, skipUnlessShared } from './shared-data.js';

const ROOT = 'data/real/pod-security-admission-fixtures';
const EXPECTED_FIXTURES = 4537;

interface Row {
  readonly path: string;
  readonly level: string;
  readonly version: string;
  readonly expected: string;
  readonly substring: string;
}

function rows(): Row[] {
  const lines = readFileSync(sharedPath(ROOT, 'index.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [path = '', level = '', version = '', expected = '', , substring = ''] = line.split('\t');
    return { path, level, version, expected, substring };
  });
}

function wrappers(pod: { metadata?: PodMetadata; spec?: PodSpec }) {
  const template = { metadata: pod.metadata ?? {}, spec: pod.spec ?? {} };
  return {
    Pod: { apiVersion: 'v1', kind: 'Pod', body: pod as Record<string, unknown> },
    Deployment: { apiVersion: 'apps/v1', kind: 'Deployment', body: { spec: { template } } },
    CronJob: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      body: { spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } },
    },
  };
}

test(`all ${EXPECTED_FIXTURES} PSA fixtures agree with index.tsv as Pod, Deployment and CronJob`, {
  skip: skipUnlessShared(ROOT, 'index.tsv'),
}, () => {
  const parsed = new Map<string, { metadata?: PodMetadata; spec?: PodSpec }>();
  const failures: string[] = [];
  let agreed = 0;
  const all = rows();
  for (const row of all) {
    const level = parsePssLevel(row.level);
    const version = parsePolicyVersion(row.version);
    assert.ok(level && version, `bad row ${row.path}`);
    const text = readFileSync(sharedPath(ROOT, row.path), 'utf8');
    let pod = parsed.get(text);
    if (!pod) {
      pod = parse(text) as { metadata?: PodMetadata; spec?: PodSpec };
      parsed.set(text, pod);
    }
    let rowAgrees = true;
    for (const [kind, object] of Object.entries(wrappers(pod))) {
      const template = podTemplateOf(object);
      assert.ok(template, `${kind} has a template`);
      const verdict = evaluatePod({ level, version }, template.metadata, template.spec);
      const message = denialMessage(verdict);
      const ok =
        row.expected === 'pass'
          ? verdict.allowed
          : !verdict.allowed && message.includes(row.substring === '-' ? '' : row.substring);
      if (!ok) {
        rowAgrees = false;
        failures.push(
          `${row.path} as ${kind}: expected ${row.expected} (${row.substring}), got ${verdict.allowed ? 'allowed' : message}`,
        );
      }
    }
    if (rowAgrees) agreed++;
  }
  assert.deepEqual(failures.slice(0, 20), []);
  assert.equal(all.length, EXPECTED_FIXTURES);
  assert.equal(agreed, EXPECTED_FIXTURES, `${agreed} / ${EXPECTED_FIXTURES}`);
});
