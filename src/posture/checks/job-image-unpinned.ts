import { allContainers, nameOf } from '../pss/pod.js';
import type { PostureCheck, PostureHit } from './check.js';
import { JOB_KINDS } from './check.js';

export interface ImageReference {
  readonly tag?: string;
  readonly digest?: string;
}

/** Splits `registry:5000/repo/name:tag@sha256:…` into tag and digest (a port is not a tag). */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
  return { ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** CWP-004: a job image that can change under the same name. */
export const jobImageUnpinnedCheck: PostureCheck = {
  id: 'CWP-004',
  title: 'Job image not pinned by digest',
  severity: 'medium',
  description:
    'A CronJob or Job container image without a digest runs whatever the registry serves at each schedule: medium for `latest` or no tag, low for another tag without a digest.',
  remediation:
    'Reference the image by digest (name@sha256:…), as `crane digest` or `docker buildx imagetools inspect` prints it.',
  kinds: JOB_KINDS,
  evaluate({ template }) {
    const hits: PostureHit[] = [];
    for (const container of allContainers(template.spec)) {
      if (typeof container.image !== 'string') continue;
      const reference = parseImageReference(container.image);
      if (reference.digest) continue;
      const mutable = reference.tag === undefined || reference.tag === 'latest';
      hits.push({
        level: mutable ? 'medium' : 'low',
        message: mutable
          ? `container "${nameOf(container)}" uses image "${container.image}" (${reference.tag === undefined ? 'no tag, so latest' : 'latest'}) without a digest`
          : `container "${nameOf(container)}" uses image "${container.image}" by tag without a digest`,
        matched: [{ field: `${template.specPath}.containers.image`, value: container.image }],
        evidence: [
          'a tag can be moved to other content; each scheduled run pulls what the tag names then',
        ],
      });
    }
    return hits;
  },
};
