/**
 * Built-in API resources: their group and whether they are namespaced, so `who-can create
 * cronjobs` needs no discovery call. `NAME.GROUP` (`cronjobs.batch`, `widgets.example.com`)
 * names any other resource; a bare unknown name is taken as a core, namespaced resource and
 * the answer says so.
 * @module
 */
import { CronwardenError } from '../errors.js';
import { type AccessRequest, resourceRequest } from './rule-match.js';

interface ResourceInfo {
  readonly group: string;
  readonly namespaced: boolean;
}

const CLUSTER = false;
const NAMESPACED = true;

const BUILTIN: Readonly<Record<string, ResourceInfo>> = {
  pods: { group: '', namespaced: NAMESPACED },
  services: { group: '', namespaced: NAMESPACED },
  endpoints: { group: '', namespaced: NAMESPACED },
  configmaps: { group: '', namespaced: NAMESPACED },
  secrets: { group: '', namespaced: NAMESPACED },
  serviceaccounts: { group: '', namespaced: NAMESPACED },
  persistentvolumeclaims: { group: '', namespaced: NAMESPACED },
  replicationcontrollers: { group: '', namespaced: NAMESPACED },
  events: { group: '', namespaced: NAMESPACED },
  limitranges: { group: '', namespaced: NAMESPACED },
  resourcequotas: { group: '', namespaced: NAMESPACED },
  podtemplates: { group: '', namespaced: NAMESPACED },
  namespaces: { group: '', namespaced: CLUSTER },
  nodes: { group: '', namespaced: CLUSTER },
  persistentvolumes: { group: '', namespaced: CLUSTER },
  deployments: { group: 'apps', namespaced: NAMESPACED },
  replicasets: { group: 'apps', namespaced: NAMESPACED },
  statefulsets: { group: 'apps', namespaced: NAMESPACED },
  daemonsets: { group: 'apps', namespaced: NAMESPACED },
  controllerrevisions: { group: 'apps', namespaced: NAMESPACED },
  jobs: { group: 'batch', namespaced: NAMESPACED },
  cronjobs: { group: 'batch', namespaced: NAMESPACED },
  roles: { group: 'rbac.authorization.k8s.io', namespaced: NAMESPACED },
  rolebindings: { group: 'rbac.authorization.k8s.io', namespaced: NAMESPACED },
  clusterroles: { group: 'rbac.authorization.k8s.io', namespaced: CLUSTER },
  clusterrolebindings: { group: 'rbac.authorization.k8s.io', namespaced: CLUSTER },
  certificatesigningrequests: { group: 'certificates.k8s.io', namespaced: CLUSTER },
  signers: { group: 'certificates.k8s.io', namespaced: CLUSTER },
  mutatingwebhookconfigurations: { group: 'admissionregistration.k8s.io', namespaced: CLUSTER },
  validatingwebhookconfigurations: { group: 'admissionregistration.k8s.io', namespaced: CLUSTER },
  validatingadmissionpolicies: { group: 'admissionregistration.k8s.io', namespaced: CLUSTER },
  validatingadmissionpolicybindings: {
    group: 'admissionregistration.k8s.io',
    namespaced: CLUSTER,
  },
  customresourcedefinitions: { group: 'apiextensions.k8s.io', namespaced: CLUSTER },
  ingresses: { group: 'networking.k8s.io', namespaced: NAMESPACED },
  networkpolicies: { group: 'networking.k8s.io', namespaced: NAMESPACED },
  poddisruptionbudgets: { group: 'policy', namespaced: NAMESPACED },
  horizontalpodautoscalers: { group: 'autoscaling', namespaced: NAMESPACED },
  leases: { group: 'coordination.k8s.io', namespaced: NAMESPACED },
  storageclasses: { group: 'storage.k8s.io', namespaced: CLUSTER },
  priorityclasses: { group: 'scheduling.k8s.io', namespaced: CLUSTER },
  tokenreviews: { group: 'authentication.k8s.io', namespaced: CLUSTER },
  subjectaccessreviews: { group: 'authorization.k8s.io', namespaced: CLUSTER },
  selfsubjectaccessreviews: { group: 'authorization.k8s.io', namespaced: CLUSTER },
  users: { group: '', namespaced: CLUSTER },
  groups: { group: '', namespaced: CLUSTER },
  uids: { group: 'authentication.k8s.io', namespaced: CLUSTER },
  userextras: { group: 'authentication.k8s.io', namespaced: CLUSTER },
};

/** Is a built-in resource namespaced? Unknown resources are assumed namespaced. */
export function isNamespacedResource(apiGroup: string, resource: string): boolean {
  const info = BUILTIN[resource];
  return info && info.group === apiGroup ? info.namespaced : true;
}

export interface ParsedRequest {
  readonly request: AccessRequest;
  /** False for cluster-scoped resources and non-resource URLs. */
  readonly namespaced: boolean;
  /** Set when the resource was not in the built-in table and had no `.GROUP`. */
  readonly note?: string;
}

/**
 * Parses `VERB RESOURCE` of `who-can`: `RESOURCE` is `name[.group][/subresource]` or a
 * non-resource URL (`/metrics`).
 * @throws CronwardenError `CW_RBAC_BAD_REQUEST`
 */
export function parseAccessRequest(
  verb: string,
  resource: string,
  namespace = '',
  name = '',
): ParsedRequest {
  const bad = (why: string) =>
    new CronwardenError('CW_RBAC_BAD_REQUEST', `"${verb} ${resource}": ${why}`, {
      location: { file: 'RESOURCE' },
    });
  if (verb.trim() === '') throw bad('the verb is empty');
  if (resource.startsWith('/')) {
    return { request: { kind: 'non-resource', verb, path: resource }, namespaced: false };
  }
  const [typed, subresource, extra] = resource.split('/');
  if (!typed || extra !== undefined || subresource === '') {
    throw bad('write RESOURCE[.GROUP][/SUBRESOURCE]');
  }
  const dot = typed.indexOf('.');
  const plural = (dot < 0 ? typed : typed.slice(0, dot)).toLowerCase();
  let group = dot < 0 ? undefined : typed.slice(dot + 1);
  if (group === 'core') group = '';
  let note: string | undefined;
  if (group === undefined) {
    const info = BUILTIN[plural];
    group = info?.group ?? '';
    if (!info) note = `"${plural}" is not a built-in resource; checked in the core group ("")`;
  }
  const namespaced = isNamespacedResource(group, plural);
  const combined = subresource === undefined ? plural : `${plural}/${subresource}`;
  const request = resourceRequest(verb, group, combined, namespaced ? namespace : '', name);
  return { request, namespaced, ...(note ? { note } : {}) };
}
