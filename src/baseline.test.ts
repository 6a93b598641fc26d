import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT } from '../test/shared-data.js';
import { describeBaseline, learnBaseline } from './baseline.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-baseline-use-case-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const CASES = join(REPO_ROOT, 'rules', 'k8s', 'cw-001-cronjob-job-written.tests', 'tp');

for (const envelope of ['json', 'aks.json', 'eks.json', 'gke.json']) {
  test(`a CronJob create in the ${envelope} envelope is learned with its creator, image and schedule`, async () => {
    const store = join(dir, `${envelope}.db`);
    const result = await learnBaseline({
      paths: [join(CASES, `human-creates-cronjob.${envelope}`)],
      store,
      now: () => Date.parse('2026-11-25T10:00:00Z'),
    });
    assert.deepEqual(result.issues, []);
    assert.equal(result.learned, 1);
    const [ns] = describeBaseline(store).namespaces;
    assert.equal(ns?.namespace, 'default');
    assert.deepEqual(
      ns?.items.creator?.map((item) => [item.value, item.detail]),
      [['mallory@contractor.example', 'human']],
    );
    assert.deepEqual(
      ns?.items.registry?.map((item) => item.value),
      ['docker.io'],
    );
    assert.deepEqual(
      ns?.items.schedule?.map((item) => [item.value, item.detail]),
      [['*/1 * * * *', 'every-minute']],
    );
  });
}

test('an unreadable input is an issue and the rest is still learned', async () => {
  const store = join(dir, 'partial.db');
  const issues: string[] = [];
  const result = await learnBaseline({
    paths: [join(dir, 'missing.jsonl'), join(CASES, 'human-creates-cronjob.json')],
    store,
    onIssue: (issue) => issues.push(issue.code),
  });
  assert.equal(result.learned, 1);
  assert.deepEqual(issues, ['CW_INGEST_NO_INPUT']);
});
