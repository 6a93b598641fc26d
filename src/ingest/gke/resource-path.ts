/**
 * GKE names a Kubernetes request twice: `methodName` `io.k8s.<group>.<version>.<resource>
 * [.<subresource>].<verb>` and `resourceName` `<group>/<version>[/namespaces/<ns>]/<resource>
 * [/<name>[/<subresource>]]`. Both use `core` for the legacy group, which the audit Event
 * spells `""` (falcosecurity/plugins k8saudit-gke convert.go; GoogleCloudPlatform/khi tests).
 * @module
 */

export interface ParsedMethod {
  readonly verb: string;
  /** Short group as GKE writes it (`batch`, `rbac`, `core` → ''), when the method names one. */
  readonly group?: string;
  readonly version?: string;
  readonly resource?: string;
  readonly subresource?: string;
}

export interface ParsedResourceName {
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly namespace?: string;
  readonly resource?: string;
  readonly name?: string;
  readonly subresource?: string;
}

const VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;

/** Full API group names for the short names GKE uses in methodName. */
const GROUP_NAMES: Readonly<Record<string, string>> = {
  core: '',
  rbac: 'rbac.authorization.k8s.io',
  admissionregistration: 'admissionregistration.k8s.io',
  apiextensions: 'apiextensions.k8s.io',
  apiregistration: 'apiregistration.k8s.io',
  authentication: 'authentication.k8s.io',
  authorization: 'authorization.k8s.io',
  certificates: 'certificates.k8s.io',
  coordination: 'coordination.k8s.io',
  discovery: 'discovery.k8s.io',
  events: 'events.k8s.io',
  flowcontrol: 'flowcontrol.apiserver.k8s.io',
  networking: 'networking.k8s.io',
  node: 'node.k8s.io',
  resource: 'resource.k8s.io',
  scheduling: 'scheduling.k8s.io',
  storage: 'storage.k8s.io',
};

/** The audit `objectRef.apiGroup` for a group name as GKE writes it. */
export function fullGroupName(group: string): string {
  return GROUP_NAMES[group] ?? group;
}

/**
 * Parses a GKE methodName. `io.k8s.core.v1.pods.exec.create` → verb create, resource pods,
 * subresource exec; `io.k8s.get` (non-resource, e.g. /readyz) → verb get only. Returns
 * undefined for methods outside `io.k8s.`.
 */
export function parseMethodName(methodName: string): ParsedMethod | undefined {
  if (!methodName.startsWith('io.k8s.')) return undefined;
  const tokens = methodName.slice('io.k8s.'.length).split('.');
  const verb = tokens[tokens.length - 1] ?? '';
  const versionAt = tokens.findIndex((token, i) => i > 0 && VERSION.test(token));
  if (versionAt === -1 || versionAt + 1 >= tokens.length - 1) return { verb };
  const group = tokens.slice(0, versionAt).join('.');
  const resource = tokens[versionAt + 1] ?? '';
  const sub = tokens.slice(versionAt + 2, -1).join('.');
  const base = { verb, group: fullGroupName(group), version: tokens[versionAt] ?? '', resource };
  return sub === '' ? base : { ...base, subresource: sub };
}

/** Parses a GKE resourceName; undefined when it is not a group/version path. */
export function parseResourceName(resourceName: string): ParsedResourceName | undefined {
  const parts = resourceName.split('/');
  if (parts.length < 3 || !VERSION.test(parts[1] ?? '')) return undefined;
  const apiGroup = fullGroupName(parts[0] ?? '');
  const apiVersion = parts[1] ?? '';
  const rest = parts.slice(2);
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    return compact({
      apiGroup,
      apiVersion,
      namespace: rest[1],
      resource: rest[2],
      name: rest[3],
      subresource: rest[4],
    });
  }
  return compact({ apiGroup, apiVersion, resource: rest[0], name: rest[1], subresource: rest[2] });
}

function compact(value: {
  apiGroup: string;
  apiVersion: string;
  namespace?: string | undefined;
  resource?: string | undefined;
  name?: string | undefined;
  subresource?: string | undefined;
}): ParsedResourceName {
  const out: Record<string, string> = {};
  for (const [key, field] of Object.entries(value))
    if (field !== undefined && field !== '') out[key] = field;
  out.apiGroup = value.apiGroup;
  return out as unknown as ParsedResourceName;
}

/**
 * The request path an audit Event would carry for this object (`/apis/batch/v1/…`). A create
 * is POSTed to the collection, so its path has no name (GKE's resourceName has one).
 */
export function requestPath(ref: ParsedResourceName, verb = ''): string {
  const prefix =
    ref.apiGroup === '' ? `/api/${ref.apiVersion}` : `/apis/${ref.apiGroup}/${ref.apiVersion}`;
  const segments = [prefix];
  if (ref.namespace !== undefined) segments.push('namespaces', ref.namespace);
  if (ref.resource !== undefined) segments.push(ref.resource);
  const isCollectionCreate = verb === 'create' && ref.subresource === undefined;
  if (ref.name !== undefined && !isCollectionCreate) segments.push(ref.name);
  if (ref.subresource !== undefined) segments.push(ref.subresource);
  return segments.join('/');
}
