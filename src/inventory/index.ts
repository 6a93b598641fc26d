/**
 * The inventory: Kubernetes objects read from manifests (files, folders, `List`s, helm and
 * kustomize output) or a live cluster, each with its origin, plus every problem met on the way.
 * @module
 */
export {
  type ApiRequest,
  ApiStatusError,
  apiRequest,
  apiUrl,
  listItems,
} from './api-request.js';
export {
  type ClusterOptions,
  LISTED_RESOURCES,
  type ListedResource,
  loadCluster,
} from './cluster.js';
export {
  apiGroupOf,
  isWorkload,
  POD_CONTROLLERS,
  POD_SPEC_PATHS,
  podMetadataPath,
} from './kinds.js';
export { type ClusterConnection, loadKubeconfig } from './kubeconfig.js';
export { DEFAULT_PARSE_LIMITS, type ParseLimits } from './limits.js';
export { listManifestFiles, loadManifests } from './load-manifests.js';
export { parseManifest, valueAt } from './manifest.js';
export type { Inventory, K8sObject, ObjectMeta, ObjectOrigin } from './object.js';
