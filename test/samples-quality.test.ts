import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreSamples } from '../src/rules/sample-quality.js';

test('on samples/ every attack story is detected and benign records get only inventory-level findings', async () => {
  const quality = await scoreSamples(new URL('../samples/', import.meta.url).pathname);
  const missed = [...quality.stories]
    .filter(([, rules]) => rules.length === 0)
    .map(([story]) => story);
  assert.deepEqual(missed, []);
  assert.equal(quality.stories.size, 9);
  assert.deepEqual(
    quality.rules.filter((rule) => rule.falsePositives > 0).map((rule) => rule.rule),
    [],
  );
  assert.ok(quality.benignFindings.every((finding) => finding.level === 'low'));
  assert.ok(quality.events > 250);
});

test('on samples/ the stories inside the cluster become incidents with no benign finding in them', async () => {
  const quality = await scoreSamples(new URL('../samples/', import.meta.url).pathname);
  assert.deepEqual(quality.incidents.map((entry) => entry.stories.join('+')).sort(), [
    'S1-stolen-kubeconfig-reverse-shell+S7-kubectl-admin-workstation',
    'S2-pod-token-job',
    'S3-backup-image-tampering+S4-manual-trigger+S8-kubectl-linux-auditd',
    'S5-privileged-kube-system-cronjob',
  ]);
  assert.ok(quality.incidents.every((entry) => entry.benignFindings === 0));
});
