import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import { objectsOf, type PodMetadata, type PodSpec, str } from '../pod.js';
import { countedQuote } from '../text.js';

interface Volume {
  readonly name?: unknown;
  readonly hostPath?: unknown;
}

function hostPathVolumes(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const bad = objectsOf<Volume>(spec.volumes)
    .filter((volume) => volume.hostPath !== undefined && volume.hostPath !== null)
    .map((volume) => str(volume.name));
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'hostPath volumes',
    detail: `${countedQuote('volume', 'volumes', bad)}`,
  };
}

export const hostPathVolumesCheck: PssCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  severity: 'high',
  description: 'hostPath volumes are forbidden.',
  remediation:
    'Replace hostPath volumes with emptyDir, configMap, secret, projected or a PersistentVolumeClaim.',
  versions: [{ minVersion: 0, check: hostPathVolumes }],
};
