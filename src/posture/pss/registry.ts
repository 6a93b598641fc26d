/**
 * Every Pod Security check, and the check list for each level and policy version, built once
 * the way upstream's registry builds it: a check's implementation applies from its minimum
 * version until the next one; restricted runs the baseline checks it does not override;
 * baseline checks run first, then restricted ones, each group in id order.
 * @module
 */
import type { CheckPod, PssCheck } from './check.js';
import { allowPrivilegeEscalationCheck } from './checks/allow-privilege-escalation.js';
import { appArmorProfileCheck } from './checks/app-armor.js';
import { capabilitiesBaselineCheck } from './checks/capabilities-baseline.js';
import { capabilitiesRestrictedCheck } from './checks/capabilities-restricted.js';
import { hostNamespacesCheck } from './checks/host-namespaces.js';
import { hostPathVolumesCheck } from './checks/host-path-volumes.js';
import { hostPortsCheck } from './checks/host-ports.js';
import { hostProbesAndHostLifecycleCheck } from './checks/host-probes-lifecycle.js';
import { windowsHostProcessCheck } from './checks/host-process.js';
import { privilegedCheck } from './checks/privileged.js';
import { procMountCheck } from './checks/proc-mount.js';
import { procMountRestrictedCheck } from './checks/proc-mount-restricted.js';
import { restrictedVolumesCheck } from './checks/restricted-volumes.js';
import { runAsNonRootCheck } from './checks/run-as-non-root.js';
import { runAsUserCheck } from './checks/run-as-user.js';
import { seLinuxOptionsCheck } from './checks/se-linux.js';
import { seccompProfileBaselineCheck } from './checks/seccomp-baseline.js';
import { seccompProfileRestrictedCheck } from './checks/seccomp-restricted.js';
import { sysctlsCheck } from './checks/sysctls.js';
import type { LevelVersion } from './level.js';

/** All 19 checks: 12 baseline, 7 restricted. */
export const PSS_CHECKS: readonly PssCheck[] = [
  appArmorProfileCheck,
  capabilitiesBaselineCheck,
  hostNamespacesCheck,
  hostPathVolumesCheck,
  hostPortsCheck,
  hostProbesAndHostLifecycleCheck,
  privilegedCheck,
  procMountCheck,
  seLinuxOptionsCheck,
  seccompProfileBaselineCheck,
  sysctlsCheck,
  windowsHostProcessCheck,
  allowPrivilegeEscalationCheck,
  capabilitiesRestrictedCheck,
  procMountRestrictedCheck,
  restrictedVolumesCheck,
  runAsNonRootCheck,
  runAsUserCheck,
  seccompProfileRestrictedCheck,
];

/** One check as it runs at a given level and version. */
export interface ActiveCheck {
  readonly id: string;
  readonly check: CheckPod;
}

export interface CheckRegistry {
  /** Newest policy minor any check defines; `latest` and newer versions evaluate as this. */
  readonly latestMinor: number;
  /** The checks of a level and version, in evaluation order (empty for privileged). */
  checksFor(lv: LevelVersion): readonly ActiveCheck[];
  /** The check definition of an id. */
  byId(id: string): PssCheck | undefined;
}

/** Builds the per-version tables; throws on an inconsistent catalogue (a programming error). */
export function buildRegistry(checks: readonly PssCheck[] = PSS_CHECKS): CheckRegistry {
  validate(checks);
  const latestMinor = Math.max(...checks.map((c) => c.versions.at(-1)?.minVersion ?? 0));
  const ordered = [
    ...checks.filter((c) => c.level === 'baseline').sort(byId),
    ...checks.filter((c) => c.level === 'restricted').sort(byId),
  ];
  const baseline: ActiveCheck[][] = [];
  const restricted: ActiveCheck[][] = [];
  for (let minor = 0; minor <= latestMinor; minor++) {
    const atVersion = ordered.flatMap((check) => {
      const implementation = check.versions.findLast((v) => v.minVersion <= minor);
      return implementation ? [{ check, implementation }] : [];
    });
    const overridden = new Set(
      atVersion
        .filter((a) => a.check.level === 'restricted')
        .flatMap((a) => a.implementation.overrides ?? []),
    );
    const toActive = (a: (typeof atVersion)[number]): ActiveCheck => ({
      id: a.check.id,
      check: a.implementation.check,
    });
    baseline[minor] = atVersion.filter((a) => a.check.level === 'baseline').map(toActive);
    restricted[minor] = atVersion
      .filter((a) => a.check.level === 'restricted' || !overridden.has(a.check.id))
      .map(toActive);
  }
  const definitions = new Map(checks.map((c) => [c.id, c]));
  return {
    latestMinor,
    checksFor(lv) {
      if (lv.level === 'privileged') return [];
      const minor = lv.version === 'latest' ? latestMinor : Math.min(lv.version.minor, latestMinor);
      return (lv.level === 'baseline' ? baseline : restricted)[minor] ?? [];
    },
    byId: (id) => definitions.get(id),
  };
}

// Go's sort.Strings: byte order, which for these ASCII ids is code-unit order.
const byId = (a: PssCheck, b: PssCheck) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function validate(checks: readonly PssCheck[]): void {
  const levels = new Map<string, string>();
  for (const check of checks) {
    if (levels.has(check.id)) throw new Error(`multiple checks registered for ID ${check.id}`);
    levels.set(check.id, check.level);
    if (check.versions.length === 0) throw new Error(`check ${check.id}: empty`);
    check.versions.reduce((previous, v) => {
      if (v.minVersion <= previous)
        throw new Error(`check ${check.id}: versions must be strictly increasing`);
      return v.minVersion;
    }, -1);
  }
  for (const check of checks) {
    for (const v of check.versions) {
      if (!v.overrides?.length) continue;
      if (check.level !== 'restricted')
        throw new Error(`check ${check.id}: only restricted checks may set overrides`);
      for (const id of v.overrides) {
        if (levels.get(id) !== undefined && levels.get(id) !== 'baseline') {
          throw new Error(`check ${check.id}: overrides non-baseline check ${id}`);
        }
      }
    }
  }
}

/** The registry of the built-in checks, built once. */
export const PSS_REGISTRY: CheckRegistry = buildRegistry();
