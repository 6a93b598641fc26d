import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PssCheck } from './check.js';
import type { LevelVersion } from './level.js';
import { buildRegistry, PSS_CHECKS, PSS_REGISTRY } from './registry.js';

const ids = (lv: LevelVersion) => PSS_REGISTRY.checksFor(lv).map((c) => c.id);
const v = (minor: number) => ({ minor });

test('19 checks: 12 baseline and 7 restricted, latest policy v1.37', () => {
  assert.equal(PSS_CHECKS.length, 19);
  assert.equal(PSS_CHECKS.filter((c) => c.level === 'baseline').length, 12);
  assert.equal(PSS_REGISTRY.latestMinor, 37);
});

test('version switches follow upstream', () => {
  const table: Array<[LevelVersion, string, boolean]> = [
    [{ level: 'restricted', version: v(7) }, 'allowPrivilegeEscalation', false],
    [{ level: 'restricted', version: v(8) }, 'allowPrivilegeEscalation', true],
    [{ level: 'restricted', version: v(18) }, 'seccompProfile_restricted', false],
    [{ level: 'restricted', version: v(18) }, 'seccompProfile_baseline', true],
    [{ level: 'restricted', version: v(19) }, 'seccompProfile_restricted', true],
    [{ level: 'restricted', version: v(19) }, 'seccompProfile_baseline', false],
    [{ level: 'restricted', version: v(21) }, 'capabilities_baseline', true],
    [{ level: 'restricted', version: v(22) }, 'capabilities_restricted', true],
    [{ level: 'restricted', version: v(22) }, 'capabilities_baseline', false],
    [{ level: 'restricted', version: v(22) }, 'runAsUser', false],
    [{ level: 'restricted', version: v(23) }, 'runAsUser', true],
    [{ level: 'baseline', version: v(33) }, 'hostProbesAndHostLifecycle', false],
    [{ level: 'baseline', version: v(34) }, 'hostProbesAndHostLifecycle', true],
    [{ level: 'restricted', version: v(34) }, 'procMount', true],
    [{ level: 'restricted', version: v(35) }, 'procMount', false],
    [{ level: 'restricted', version: v(35) }, 'procMount_restricted', true],
    [{ level: 'restricted', version: 'latest' }, 'hostPathVolumes', false],
    [{ level: 'restricted', version: 'latest' }, 'restrictedVolumes', true],
    [{ level: 'baseline', version: 'latest' }, 'restrictedVolumes', false],
  ];
  for (const [lv, id, present] of table) {
    assert.equal(ids(lv).includes(id), present, `${lv.level}:${JSON.stringify(lv.version)} ${id}`);
  }
});

test('baseline checks run before restricted ones, each group in byte order of ids', () => {
  const order = ids({ level: 'restricted', version: 'latest' });
  assert.deepEqual(order.slice(0, 3), ['appArmorProfile', 'hostNamespaces', 'hostPorts']);
  assert.ok(order.indexOf('seLinuxOptions') < order.indexOf('sysctls'));
  assert.equal(order.at(-1), 'seccompProfile_restricted');
});

test('versions newer than the newest check evaluate as latest; privileged has no checks', () => {
  assert.deepEqual(
    ids({ level: 'baseline', version: v(99) }),
    ids({ level: 'baseline', version: 'latest' }),
  );
  assert.deepEqual(ids({ level: 'privileged', version: 'latest' }), []);
});

test('the sysctl allow-list grows at v1.27, v1.29, v1.32 and v1.37', () => {
  const sysctl = (minor: number, name: string) => {
    const check = PSS_REGISTRY.checksFor({ level: 'baseline', version: v(minor) }).find(
      (c) => c.id === 'sysctls',
    );
    return check?.check({}, { securityContext: { sysctls: [{ name }] } }).allowed;
  };
  assert.equal(sysctl(26, 'net.ipv4.ip_local_reserved_ports'), false);
  assert.equal(sysctl(27, 'net.ipv4.ip_local_reserved_ports'), true);
  assert.equal(sysctl(31, 'net.ipv4.tcp_rmem'), false);
  assert.equal(sysctl(32, 'net.ipv4.tcp_rmem'), true);
  assert.equal(sysctl(36, 'net.ipv4.tcp_notsent_lowat'), false);
  assert.equal(sysctl(37, 'net.ipv4.tcp_notsent_lowat'), true);
});

test('an inconsistent catalogue is refused', () => {
  const bad: PssCheck = {
    ...PSS_CHECKS[0]!,
    level: 'baseline',
    versions: [{ minVersion: 0, check: () => ({ allowed: true }), overrides: ['x'] }],
  };
  assert.throws(() => buildRegistry([bad]), /only restricted checks may set overrides/);
  assert.throws(() => buildRegistry([PSS_CHECKS[0]!, PSS_CHECKS[0]!]), /multiple checks/);
});
