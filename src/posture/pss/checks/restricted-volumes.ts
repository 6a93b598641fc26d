import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import { objectsOf, type PodMetadata, type PodSpec, str } from '../pod.js';
import { countedQuote, pluralize, sortedUnique } from '../text.js';

const ALLOWED_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];
// Checked in this order, as upstream does, to name the restricted type of a volume.
const RESTRICTED_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

type Volume = Readonly<Record<string, unknown>>;
const isSet = (volume: Volume, source: string) =>
  volume[source] !== undefined && volume[source] !== null;

function restrictedVolumes(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const badVolumes: string[] = [];
  const badTypes: string[] = [];
  for (const volume of objectsOf<Volume>(spec.volumes)) {
    if (ALLOWED_SOURCES.some((source) => isSet(volume, source))) continue;
    const restricted = RESTRICTED_SOURCES.find((source) => isSet(volume, source));
    // API defaulting (SetDefaults_Volume) turns a volume without any source into emptyDir, and
    // the fixtures are evaluated after it; so only a named restricted source is a violation.
    if (restricted === undefined) continue;
    badVolumes.push(str(volume.name));
    badTypes.push(restricted);
  }
  if (badVolumes.length === 0) return ALLOWED;
  const types = sortedUnique(badTypes);
  return {
    allowed: false,
    reason: 'restricted volume types',
    detail: `${countedQuote('volume', 'volumes', badVolumes)} ${pluralize('uses', 'use', badVolumes.length)} ${countedQuote('restricted volume type', 'restricted volume types', types)}`,
  };
}

export const restrictedVolumesCheck: PssCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  severity: 'low',
  description:
    'Only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes (replaces hostPathVolumes at restricted).',
  remediation:
    'Replace other volume types with a PersistentVolumeClaim or one of the allowed types.',
  versions: [{ minVersion: 0, check: restrictedVolumes, overrides: ['hostPathVolumes'] }],
};
