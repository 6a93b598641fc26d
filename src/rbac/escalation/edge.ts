/**
 * Edges of the escalation graph and the context an edge rule reads.
 * @module
 */
import type { ClusterModel, ServiceAccountInfo } from '../cluster-model.js';
import type { Grant } from '../grant.js';
import { serviceAccountIdentity } from '../identity.js';
import type { Workload } from '../workload.js';
import type { Capabilities } from './capabilities.js';
import type { EscalationNode } from './node.js';

export type EdgeKind =
  | 'create-workload'
  | 'update-workload'
  | 'exec-pod'
  | 'serviceaccount-token'
  | 'read-token-secret'
  | 'mint-token-secret'
  | 'impersonate'
  | 'bind-role'
  | 'escalate-role'
  | 'nodes-proxy'
  | 'csr-approve'
  | 'mutating-webhook'
  | 'choose-account';

export interface EscalationEdge {
  readonly kind: EdgeKind;
  readonly to: EscalationNode;
  /** One sentence: what the holder does to take the step. */
  readonly summary: string;
  /** The grants that allow the step (all are needed). */
  readonly evidence: readonly Grant[];
}

/** What an edge rule may read: the node's rights and the cluster's objects, pre-indexed. */
export interface EdgeContext {
  readonly node: EscalationNode;
  readonly caps: Capabilities;
  readonly model: ClusterModel;
  /** Namespaces where the node holds rights (all namespaces when it has cluster-wide grants). */
  readonly namespaces: readonly string[];
  readonly index: ModelIndex;
}

/** Lookups shared by every edge rule, built once per graph. */
export interface ModelIndex {
  readonly allNamespaces: readonly string[];
  readonly serviceAccounts: ReadonlyMap<string, readonly ServiceAccountInfo[]>;
  /** Service accounts that running workloads use, per namespace, with one workload each. */
  readonly workloadAccounts: ReadonlyMap<string, ReadonlyMap<string, Workload>>;
  /** Usernames and group names that appear as binding subjects. */
  readonly users: readonly string[];
  readonly groups: readonly string[];
}

/** A rule of the graph: given a node's rights, the steps it can take. */
export interface EdgeRule {
  readonly kind: EdgeKind;
  readonly description: string;
  edges(context: EdgeContext): EscalationEdge[];
}

/** The choice node "any account of N" or "the account of a running pod in N". */
export function accountsNode(namespace: string, running: boolean): EscalationNode {
  const key = `${running ? 'r' : 'a'}/${namespace}`;
  let node = ACCOUNTS_NODES.get(key);
  if (!node) {
    node = { kind: 'accounts', namespace, running };
    if (ACCOUNTS_NODES.size > 100_000) ACCOUNTS_NODES.clear(); // bound the cache across runs
    ACCOUNTS_NODES.set(key, node);
  }
  return node;
}

const ACCOUNTS_NODES = new Map<string, EscalationNode>();

const ACCOUNT_NODES = new Map<string, EscalationNode>();

/** The node of a service account (one shared object per account, so its key is computed once). */
export function serviceAccountNode(namespace: string, name: string): EscalationNode {
  const key = `${namespace}/${name}`;
  let node = ACCOUNT_NODES.get(key);
  if (!node) {
    node = { kind: 'identity', identity: serviceAccountIdentity(namespace, name) };
    if (ACCOUNT_NODES.size > 100_000) ACCOUNT_NODES.clear(); // bound the cache across runs
    ACCOUNT_NODES.set(key, node);
  }
  return node;
}

export function buildModelIndex(model: ClusterModel): ModelIndex {
  const serviceAccounts = new Map<string, ServiceAccountInfo[]>();
  for (const account of model.serviceAccounts.values()) {
    const list = serviceAccounts.get(account.namespace);
    if (list) list.push(account);
    else serviceAccounts.set(account.namespace, [account]);
  }
  const workloadAccounts = new Map<string, Map<string, Workload>>();
  for (const workload of model.workloads) {
    // A pod without a mounted token cannot act as its account from inside.
    if (workload.automountToken === false) continue;
    const account = model.serviceAccounts.get(`${workload.namespace}/${workload.serviceAccount}`);
    if (workload.automountToken === undefined && account?.automountToken === false) continue;
    let perNamespace = workloadAccounts.get(workload.namespace);
    if (!perNamespace) {
      perNamespace = new Map();
      workloadAccounts.set(workload.namespace, perNamespace);
    }
    if (!perNamespace.has(workload.serviceAccount)) {
      perNamespace.set(workload.serviceAccount, workload);
    }
  }
  const users = new Set<string>();
  const groups = new Set<string>();
  for (const binding of model.bindings) {
    for (const subject of binding.subjects) {
      if (subject.kind === 'User') users.add(subject.name);
      if (subject.kind === 'Group') groups.add(subject.name);
    }
  }
  return {
    // With Namespace objects in the input, a namespace only referenced by a binding does not
    // exist (an orphan, see HYG-002) and is no target.
    allNamespaces: [...model.namespaces.values()]
      .filter((namespace) => namespace.declared || !model.hasNamespaceObjects)
      .map((namespace) => namespace.name)
      .sort(),
    serviceAccounts,
    workloadAccounts,
    users: [...users].sort(),
    groups: [...groups].sort(),
  };
}
