/**
 * Who was seen when: per-username first/last activity and the time span the audit covers.
 * @module
 */
import { type AuditFact, actingUser } from './audit-fact.js';

export interface UserActivity {
  readonly firstMs: number;
  readonly lastMs: number;
  readonly count: number;
}

export interface ActivityIndex {
  readonly byUser: ReadonlyMap<string, UserActivity>;
  /** Earliest and latest event times; NaN when there were no events. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly events: number;
}

export function indexActivity(facts: Iterable<AuditFact>): ActivityIndex {
  const byUser = new Map<string, { firstMs: number; lastMs: number; count: number }>();
  let fromMs = Number.POSITIVE_INFINITY;
  let toMs = Number.NEGATIVE_INFINITY;
  let events = 0;
  const note = (user: string, timeMs: number) => {
    const entry = byUser.get(user);
    if (!entry) {
      byUser.set(user, { firstMs: timeMs, lastMs: timeMs, count: 1 });
      return;
    }
    entry.count++;
    if (timeMs < entry.firstMs) entry.firstMs = timeMs;
    if (timeMs > entry.lastMs) entry.lastMs = timeMs;
  };
  for (const fact of facts) {
    events++;
    if (fact.timeMs < fromMs) fromMs = fact.timeMs;
    if (fact.timeMs > toMs) toMs = fact.timeMs;
    note(fact.user, fact.timeMs);
    // An impersonated principal is active too: the request acted as it.
    if (fact.impersonatedUser) note(actingUser(fact), fact.timeMs);
  }
  return {
    byUser,
    fromMs: events === 0 ? Number.NaN : fromMs,
    toMs: events === 0 ? Number.NaN : toMs,
    events,
  };
}
