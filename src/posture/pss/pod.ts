/**
 * The parts of a pod that Pod Security checks read, as loose types over parsed objects.
 * The inventory reports wrong types with their line; checks compare strictly (`=== true`),
 * so a wrong-typed value counts as unset and nothing here throws.
 * @module
 */

export interface SeccompProfile {
  readonly type?: unknown;
}
export interface SELinuxOptions {
  readonly type?: unknown;
  readonly user?: unknown;
  readonly role?: unknown;
}
export interface SecurityContext {
  readonly privileged?: unknown;
  readonly allowPrivilegeEscalation?: unknown;
  readonly runAsNonRoot?: unknown;
  readonly runAsUser?: unknown;
  readonly procMount?: unknown;
  readonly capabilities?: { readonly add?: unknown; readonly drop?: unknown } | null;
  readonly seccompProfile?: SeccompProfile | null;
  readonly appArmorProfile?: { readonly type?: unknown } | null;
  readonly seLinuxOptions?: SELinuxOptions | null;
  readonly windowsOptions?: { readonly hostProcess?: unknown } | null;
  readonly sysctls?: unknown;
}
export interface Handler {
  readonly httpGet?: { readonly host?: unknown } | null;
  readonly tcpSocket?: { readonly host?: unknown } | null;
}
export interface Container {
  readonly name?: unknown;
  readonly image?: unknown;
  readonly securityContext?: SecurityContext | null;
  readonly ports?: unknown;
  readonly livenessProbe?: Handler | null;
  readonly readinessProbe?: Handler | null;
  readonly startupProbe?: Handler | null;
  readonly lifecycle?: {
    readonly postStart?: Handler | null;
    readonly preStop?: Handler | null;
  } | null;
}
export interface PodSpec {
  readonly hostNetwork?: unknown;
  readonly hostPID?: unknown;
  readonly hostIPC?: unknown;
  readonly hostUsers?: unknown;
  readonly os?: { readonly name?: unknown } | null;
  readonly securityContext?: SecurityContext | null;
  readonly volumes?: unknown;
  readonly containers?: unknown;
  readonly initContainers?: unknown;
  readonly ephemeralContainers?: unknown;
  readonly runtimeClassName?: unknown;
  readonly serviceAccountName?: unknown;
  readonly automountServiceAccountToken?: unknown;
}
export interface PodMetadata {
  readonly annotations?: unknown;
}

/** The elements of a list that are objects (anything else counts as absent). */
export function objectsOf<T>(value: unknown): readonly T[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is T => typeof item === 'object' && item !== null);
}

// Nineteen checks visit the same containers; build the list once per pod spec.
const CONTAINERS = new WeakMap<PodSpec, readonly Container[]>();

/** Init containers, containers, then ephemeral containers: upstream `visitContainers` order. */
export function allContainers(spec: PodSpec): readonly Container[] {
  let containers = CONTAINERS.get(spec);
  if (!containers) {
    containers = [
      ...objectsOf<Container>(spec.initContainers),
      ...objectsOf<Container>(spec.containers),
      ...objectsOf<Container>(spec.ephemeralContainers),
    ];
    CONTAINERS.set(spec, containers);
  }
  return containers;
}

/** A container's name as Go would print it (a missing name is the empty string). */
export function nameOf(container: Container): string {
  return typeof container.name === 'string' ? container.name : '';
}

/** A string field as Go decodes it: absent or wrong-typed is the empty string. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** String-valued annotations of the pod metadata. */
export function annotationsOf(metadata: PodMetadata): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const annotations = metadata.annotations;
  if (typeof annotations !== 'object' || annotations === null) return out;
  for (const [key, value] of Object.entries(annotations))
    if (typeof value === 'string') out.set(key, value);
  return out;
}

/** `spec.os.name == windows`: the Windows exemptions of 1.25+. */
export function isWindowsPod(spec: PodSpec): boolean {
  return spec.os?.name === 'windows';
}

/** `spec.hostUsers == false`: user-namespaced pods relax some checks from 1.35. */
export function usesUserNamespace(spec: PodSpec): boolean {
  return spec.hostUsers === false;
}
