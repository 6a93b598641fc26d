import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { stringify } from 'yaml';
import { expireGrantFiles } from './expire-files.js';
import { buildGrantBinding } from './grant-binding.js';

const directory = await mkdtemp(join(tmpdir(), 'cw-expire-'));
after(() => rm(directory, { recursive: true, force: true }));

const NOW = new Date('2026-11-25T12:00:00Z');
const grant = (name: string, hoursAgo: number, hours: number) =>
  stringify(
    buildGrantBinding({
      subject: { kind: 'User', name },
      role: { kind: 'ClusterRole', name: 'edit' },
      namespace: 'team-a',
      durationMs: hours * 3_600_000,
      now: new Date(NOW.getTime() - hoursAgo * 3_600_000),
    }),
  );

test('expired grants are removed, live ones and other documents kept with their comments', async () => {
  const single = join(directory, 'single.yaml');
  const mixed = join(directory, 'mixed.yaml');
  writeFileSync(single, grant('old', 5, 2));
  writeFileSync(
    mixed,
    `# team-a access\n${grant('expired', 3, 1)}---\n# still live\n${grant('live', 1, 2)}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: keep, namespace: team-a}\n`,
  );
  const dry = await expireGrantFiles([directory], NOW, true);
  assert.deepEqual(dry.expired.map((e) => e.name).sort(), [
    'jit-expired-edit-202611251000',
    'jit-old-edit-202611250900',
  ]);
  assert.deepEqual(dry.changedFiles, []);
  assert.ok(existsSync(single));

  const run = await expireGrantFiles([directory], NOW, false);
  assert.equal(run.expired.length, 2);
  assert.equal(existsSync(single), false, 'a file with only an expired grant is deleted');
  const left = readFileSync(mixed, 'utf8');
  assert.doesNotMatch(left, /jit-expired/);
  assert.match(left, /# still live\n/);
  assert.match(left, /jit-live-edit/);
  assert.match(left, /name: keep/);
});

test('an unreadable expiry is CW_RBAC_BAD_EXPIRY at file:line and the binding is kept', async () => {
  const file = join(directory, 'bad.yaml');
  writeFileSync(
    file,
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: x\n  annotations: {cronwarden.io/expires-at: soon}\n',
  );
  const run = await expireGrantFiles([file], NOW, false);
  assert.deepEqual(
    run.issues.map((i) => [i.code, i.location?.file, i.location?.line]),
    [['CW_RBAC_BAD_EXPIRY', file, 5]],
  );
  assert.match(readFileSync(file, 'utf8'), /name: x/);
});
