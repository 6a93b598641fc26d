import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scan } from '../src/scan.js';

const CLUSTER = 'test/fixtures/posture-cluster';
const NOW = () => new Date('2026-11-25T08:00:00Z');
const MAIN = new URL('../src/cli/main.ts', import.meta.url).pathname;

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8' });
}

test('scan of the fixture cluster finds the known posture and RBAC problems with their origins', async () => {
  const { report } = await scan({ kind: 'manifests', paths: [CLUSTER] }, { now: NOW });
  const find = (rule: string, object: string) =>
    report.findings.find(
      (f) =>
        f.rule.id === rule &&
        `${f.object?.kind} ${f.object?.namespace ?? ''}/${f.object?.name}` === object,
    );

  const critical = find('CWP-003', 'CronJob batch/reports-nightly');
  assert.equal(critical?.level, 'critical');
  assert.deepEqual(critical?.origin, { file: `${CLUSTER}/helm/rendered.yaml`, line: 11 });
  assert.ok(
    critical?.evidence?.some((e) => /create (cron)?jobs in batch via RoleBinding/.test(e)),
    String(critical?.evidence),
  );

  const privileged = find('PSS.privileged', 'CronJob batch/reports-nightly');
  assert.equal(
    privileged?.message,
    'CronJob batch/reports-nightly would violate PodSecurity "restricted:latest": privileged (container "report" must not set securityContext.privileged=true)',
  );
  assert.match(
    find('PSS-NS-002', 'Namespace /batch')?.message ?? '',
    /enforces baseline:v1.33; pods of 1 workload/,
  );
  assert.equal(find('PSS-NS-001', 'Namespace /web')?.level, 'low');
  assert.equal(find('PSS-NS-001', 'Namespace /legacy')?.level, 'medium');
  assert.equal(find('CWP-001', 'Job legacy/db-migrate')?.level, 'high');
  assert.ok(find('RBAC-001', 'RoleBinding batch/report-runner-launches-jobs'));
  assert.equal(
    report.findings.filter((f) => f.object?.name === 'reports-web' && f.rule.id.startsWith('PSS.'))
      .length,
    0,
  );
  assert.equal(report.findings[0]?.level, 'critical', 'most severe first');
});

test('bad manifests become issues with file:line and the rest of the scan still runs', async () => {
  const { report, inventory } = await scan({ kind: 'manifests', paths: [CLUSTER] }, { now: NOW });
  const bad = `${CLUSTER}/broken/bad.yaml`;
  assert.deepEqual(
    report.summary.issues
      .filter((i) => i.location?.file === bad)
      .map((i) => [i.code, i.location?.line]),
    [
      ['CW_INV_YAML_SYNTAX', 14],
      ['CW_INV_UNKNOWN_KIND', 16],
      ['CW_INV_WRONG_TYPE', 29],
    ],
  );
  assert.ok(inventory.objects.some((o) => o.metadata.name === 'ok-before'));
  assert.ok(inventory.objects.some((o) => o.metadata.name === 'db-migrate'));
  assert.equal(report.summary.malformed, 2);
});

test('--pss sets the level where no label decides; --no-rbac drops RBAC findings', async () => {
  const { report } = await scan(
    { kind: 'manifests', paths: [`${CLUSTER}/kustomize`] },
    { now: NOW, pss: { level: 'baseline', version: 'latest' }, rbac: false },
  );
  assert.deepEqual(
    report.findings.filter((f) => f.rule.id.startsWith('PSS.')),
    [],
  );
  assert.ok(report.findings.every((f) => f.rule.source === 'posture'));
});

test('cli: exit 1 on findings at --fail-on, 0 below it, 2 for a bad --pss or missing path', () => {
  const high = cli('scan', CLUSTER, '--fail-on', 'critical', '--format', 'json');
  assert.equal(high.status, 1, high.stderr);
  const document = JSON.parse(high.stdout) as { findings: Array<{ rule: { id: string } }> };
  assert.ok(document.findings.some((f) => f.rule.id === 'CWP-003'));
  assert.equal(cli('scan', `${CLUSTER}/namespaces.yaml`, '--fail-on', 'high').status, 0);
  const badLevel = cli('scan', CLUSTER, '--pss', 'strict');
  assert.equal(badLevel.status, 2);
  assert.match(badLevel.stderr, /--pss "strict".*\(CW_USAGE\)/);
  const missing = cli('scan', 'no/such/dir');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no\/such\/dir: cannot read no\/such\/dir.*\(CW_IO\)/);
  assert.equal(cli('scan').status, 2);
});

test('cli: --out writes SARIF 2.1.0 with rules and file:line results; --strict exits 2 on bad input', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'cw-scan-'));
  try {
    const out = join(directory, 'scan.sarif');
    const run = cli('scan', CLUSTER, '--format', 'sarif', '--out', out, '--fail-on', 'none');
    assert.equal(run.status, 0, run.stderr);
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as {
      version: string;
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string }> } };
        results: Array<{
          ruleId: string;
          locations: Array<{ physicalLocation: { region?: { startLine: number } } }>;
        }>;
      }>;
    };
    assert.equal(sarif.version, '2.1.0');
    const [first] = sarif.runs;
    assert.ok(first?.tool.driver.rules.some((r) => r.id === 'PSS.privileged'));
    const result = first?.results.find((r) => r.ruleId === 'CWP-003');
    assert.equal(result?.locations[0]?.physicalLocation.region?.startLine, 11);
    assert.equal(
      cli('scan', CLUSTER, '--strict', '--fail-on', 'none', '--format', 'jsonl').status,
      2,
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('cli: a bad --pss-config is CW_PSS_CONFIG with its line', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'cw-psscfg-'));
  try {
    const file = join(directory, 'psa.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      file,
      'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\nexemptions:\n  namespace: [kube-system]\n',
    );
    const run = cli('scan', CLUSTER, '--pss-config', file);
    assert.equal(run.status, 2);
    assert.ok(run.stderr.includes(`${file}:4: exemptions.namespace: Unrecognized key`), run.stderr);
    assert.match(run.stderr, /CW_PSS_CONFIG/);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
