/**
 * A Sigma match as a finding (the one shape every output uses).
 * @module
 */
import type { Finding, FindingOrigin } from '../../finding.js';
import type { SigmaMatch } from './sigma-engine.js';

/** Where and when the matched event happened. */
export interface MatchContext {
  /** ISO 8601 time of the event. */
  readonly time: string;
  readonly origin?: FindingOrigin;
}

/**
 * Turns a match into a `Finding` (`rule.source: 'sigma'`). A rule without a level is reported
 * as `medium`, the level the Sigma specification describes as "relevant event that should be
 * reviewed".
 */
export function matchToFinding(match: SigmaMatch, context: MatchContext): Finding {
  const author = match.rule.rule.author;
  return {
    rule: { id: match.ruleId, title: match.title, source: 'sigma' },
    level: match.level ?? 'medium',
    tags: match.tags,
    time: context.time,
    message: author ? `${match.title} (Sigma rule by ${author})` : match.title,
    ...(context.origin === undefined ? {} : { origin: context.origin }),
    matched: match.matched,
  };
}
