/**
 * SigmaHQ's Kubernetes audit rules (../shared, DRL 1.1) with the k8s-audit pipeline fixture:
 * the rules written with abstract field names (hostPath, capabilities) and with
 * `category: application` only fire on raw audit events once the pipeline adapts them.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildRuleSet, type RuleSetEvent } from '../../src/sigma/ruleset.js';
import { sharedPath, skipUnlessShared } from '../shared-data.js';

const DIR = ['data', 'real', 'sigmahq-rules', 'rules', 'application', 'kubernetes', 'audit'];
const PIPELINE = new URL('../fixtures/pipelines/k8s-audit.yml', import.meta.url);

function sources() {
  return readdirSync(sharedPath(...DIR))
    .filter((name) => name.endsWith('.yml'))
    .map((name) => ({ file: name, text: readFileSync(sharedPath(...DIR, name), 'utf8') }));
}

const K8S = { product: 'kubernetes', service: 'audit' };
const EVENTS: RuleSetEvent[] = [
  {
    timeMs: 0,
    logsource: K8S,
    origin: { file: 'audit.jsonl', line: 1 },
    data: {
      verb: 'create',
      objectRef: { resource: 'pods', namespace: 'default' },
      requestObject: {
        spec: {
          volumes: [{ name: 'host', hostPath: { path: '/' } }],
          containers: [{ name: 'c', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }],
        },
      },
    },
  },
  {
    timeMs: 1000,
    logsource: K8S,
    origin: { file: 'audit.jsonl', line: 2 },
    data: { verb: 'create', objectRef: { apiGroup: 'batch', resource: 'cronjobs' } },
  },
];

function titles(withPipeline: boolean): string[] {
  const { ruleSet, issues } = buildRuleSet({
    sources: sources(),
    pipelines: withPipeline
      ? [{ file: 'k8s-audit.yml', text: readFileSync(PIPELINE, 'utf8') }]
      : [],
  });
  assert.deepEqual(
    issues.filter((i) => i.severity === 'error'),
    [],
  );
  return EVENTS.flatMap((event) => ruleSet.matchEvent(event))
    .map((m) => ruleSet.toFinding(m).rule.title)
    .sort();
}

test('with the pipeline, the hostPath and capabilities rules fire on raw audit events', {
  skip: skipUnlessShared(...DIR),
}, () => {
  assert.deepEqual(titles(true), [
    'Container With A hostPath Mount Created',
    'Kubernetes CronJob/Job Modification',
    'Privileged Container Deployed',
  ]);
});

test('without the pipeline they cannot (abstract names, category: application)', {
  skip: skipUnlessShared(...DIR),
}, () => {
  assert.deepEqual(titles(false), ['Kubernetes CronJob/Job Modification']);
});
