/**
 * Correlation: the CronJob → Job → Pod → container → process/file lineage built from audit
 * and endpoint events, and the incidents that group a run's findings along it.
 * @module
 */
export { actorOf, isMachineIdentity } from './actor.js';
export {
  buildIncidents,
  type CorrelateOptions,
  type Correlation,
  nodeOfFinding,
  rootOf,
} from './build-incidents.js';
export {
  type ClientCommand,
  isKubectlImage,
  parseClientCommand,
  readClientFact,
  splitCommandLine,
} from './client-commands.js';
export { readEndpointFact } from './endpoint-facts.js';
export type {
  ClientFact,
  ContainerFact,
  EndpointFact,
  LineageFact,
  ObjectFact,
  OwnerRef,
} from './facts.js';
export { recordKeyOf } from './facts.js';
export { incidentId } from './incident-id.js';
export {
  CLIENT_WINDOW_MS,
  LineageGraph,
  type LineageNode,
  type ResolvedLineage,
} from './lineage-graph.js';
export {
  isLineageEvent,
  LINEAGE_LITERALS,
  LINEAGE_VERBS,
  LineageObserver,
} from './lineage-observer.js';
export { jobNameOfPod, parseScheduledJobName } from './name-patterns.js';
export { containersOf, ownerOf, readObjectFact } from './object-facts.js';
