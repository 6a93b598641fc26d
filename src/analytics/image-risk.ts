/**
 * CW-009 (stateful part): the images of a CronJob/Job template written by a non-controller
 * principal: a registry outside `cw_trusted_registries` (medium), or an image never seen in
 * the cluster before in any pod, workload or job seen in the input (low: without a baseline
 * the first version of everything is new). Images are learned from every object with a pod
 * template or pod spec, whoever wrote it, including Pods the controllers create.
 * @module
 */
import type { Finding } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { AnalyticContext, AnalyticDefinition, AnalyticMeta } from './analytic.js';
import { effectiveObject, isObject, pastTense, readAudit } from './audit-record.js';
import { buildFinding, isAcceptedJobWrite } from './finding-builder.js';
import { containersOf, podSpecOf, registryOf } from './pod-template.js';
import { compileKnownPrincipal, compileList } from './principals.js';

const META: AnalyticMeta = {
  id: 'CW-009',
  title: 'CronJob or Job Image From an Untrusted Registry or Never Seen in the Cluster',
  level: 'medium',
  tags: ['attack.execution', 'attack.persistence', 'attack.t1053.007', 'attack.t1525'],
  source: 'pack',
  description:
    'A CronJob or Job template uses an image whose registry is not in cw_trusted_registries, ' +
    'or an image (repository) that no pod, workload or job in the observed history ran.',
  falsepositives: ['New tools adopted by a team; add their registry to cw_trusted_registries.'],
};

/** The repository part of an image (no tag, no digest). */
export function repositoryOf(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

class ImageRisk {
  readonly meta = META;
  readonly #seen = new Set<string>();
  readonly #isKnownPrincipal: (username: string) => boolean;
  readonly #isTrusted: (image: string) => boolean;

  constructor(context: AnalyticContext) {
    this.#isKnownPrincipal = compileKnownPrincipal(context.allowlist);
    this.#isTrusted = compileList(context.allowlist, 'cw_trusted_registries');
  }

  observe(event: NormalizedEvent): readonly Finding[] {
    const record = readAudit(event);
    if (!record?.succeeded) return [];
    const object =
      effectiveObject(record) ??
      (isObject(record.requestObject) ? record.requestObject : undefined);
    const images = containersOf(podSpecOf(object))
      .map((container) => container.image)
      .filter((image): image is string => image !== undefined);
    if (images.length === 0) return [];
    const isJudged = isAcceptedJobWrite(record) && !this.#isKnownPrincipal(record.username);
    const reasons: string[] = [];
    let level: 'low' | 'medium' = 'low';
    for (const image of images) {
      const repository = repositoryOf(image);
      if (isJudged && !this.#isTrusted(image)) {
        reasons.push(
          `image ${image}: registry ${registryOf(image)} is not in cw_trusted_registries`,
        );
        level = 'medium';
      }
      if (isJudged && !this.#seen.has(repository)) {
        reasons.push(`image ${image}: repository ${repository} never seen in the cluster before`);
      }
    }
    for (const image of images) this.#seen.add(repositoryOf(image));
    if (reasons.length === 0) return [];
    return [
      buildFinding(META, event, record, {
        level,
        message: `${record.username} ${pastTense(record.verb)} ${record.resource} ${record.namespace ?? ''}/${record.name ?? ''} with a risky image`,
        matched: images.map((image) => ({ field: 'image', value: image })),
        evidence: reasons,
      }),
    ];
  }
}

export const IMAGE_RISK: AnalyticDefinition = {
  meta: META,
  create: (context) => new ImageRisk(context),
};
