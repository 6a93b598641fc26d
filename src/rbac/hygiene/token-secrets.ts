/**
 * HYG-003: long-lived service-account token Secrets (`kubernetes.io/service-account-token`):
 * tokens that never expire, readable by anyone who can read Secrets in the namespace.
 * HYG-004: legacy token use — audit events carrying the `authentication.k8s.io/legacy-token`
 * annotation (a request authenticated with such a token) and Secrets labelled
 * `kubernetes.io/legacy-token-last-used` (the API server's record of the last use day).
 * @module
 */
import type { Finding, FindingObject } from '../../finding.js';
import type { TokenSecret } from '../cluster-model.js';
import { makeFinding } from '../findings/context.js';
import { serviceAccountIdentity } from '../identity.js';
import { workloadCreateRight } from '../workload-rights.js';
import { DAY_MS, type HygieneCheck, isoDay } from './context.js';

const LAST_USED = 'kubernetes.io/legacy-token-last-used';
const INVALID_SINCE = 'kubernetes.io/legacy-token-invalid-since';
const LEGACY_ANNOTATION = 'authentication.k8s.io/legacy-token';

/** A token Secret as a finding names it (metadata only: no value is ever read). */
function secretObject(secret: TokenSecret): FindingObject {
  return { apiVersion: 'v1', kind: 'Secret', namespace: secret.namespace, name: secret.name };
}

export const LONG_LIVED_TOKENS: HygieneCheck = {
  id: 'HYG-003',
  level: 'high',
  title: 'Long-lived service-account token Secret',
  description:
    'A kubernetes.io/service-account-token Secret holds a token that never expires; prefer TokenRequest (bound, expiring) tokens.',
  run(context) {
    const { analysis, now } = context;
    const findings: Finding[] = [];
    for (const secret of analysis.model.tokenSecrets) {
      if (secret.labels[INVALID_SINCE]) continue; // already invalidated by the cleaner
      const created = secret.creationTimestamp ? Date.parse(secret.creationTimestamp) : Number.NaN;
      const ageDays = Number.isNaN(created)
        ? undefined
        : Math.floor((now.getTime() - created) / DAY_MS);
      const graph = analysis.graph;
      const node = {
        kind: 'identity' as const,
        identity: serviceAccountIdentity(secret.namespace, secret.serviceAccount),
      };
      const admin = graph.satisfies(node, { kind: 'cluster-admin' });
      const creates = workloadCreateRight(graph, node.identity);
      const level = admin ? 'high' : creates ? 'high' : 'medium';
      const evidence = [
        `service account: ${secret.namespace}/${secret.serviceAccount || '(none)'}`,
        `created: ${secret.creationTimestamp ?? 'unknown'}${ageDays === undefined ? '' : ` (${ageDays} days ago)`}`,
        `last used: ${secret.labels[LAST_USED] ?? 'not recorded'}`,
      ];
      if (admin) evidence.push('the account is cluster-admin equivalent');
      else if (creates)
        evidence.push(`the account can create ${creates.resource} in ${creates.namespace}`);
      findings.push(
        makeFinding(LONG_LIVED_TOKENS, {
          source: 'hygiene',
          level,
          message: `Secret ${secret.namespace}/${secret.name} holds a non-expiring token of ${secret.serviceAccount || 'an unnamed account'}${ageDays === undefined ? '' : `, ${ageDays} days old`}`,
          now,
          origin: secret.origin,
          object: secretObject(secret),
          matched: [{ field: 'type', value: 'kubernetes.io/service-account-token' }],
          evidence,
          remediation:
            'Delete the Secret and use short-lived tokens (projected volumes, `kubectl create token`, TokenRequest); the LegacyServiceAccountTokenCleanUp feature removes unused ones.',
        }),
      );
    }
    return { findings };
  },
};

export const LEGACY_TOKEN_USE: HygieneCheck = {
  id: 'HYG-004',
  level: 'medium',
  title: 'Legacy service-account token in use',
  description:
    'Requests authenticated with a legacy Secret-based token (audit annotation authentication.k8s.io/legacy-token), or a token Secret labelled as recently used.',
  run(context) {
    const findings: Finding[] = [];
    const byUser = new Map<
      string,
      {
        count: number;
        firstMs: number;
        lastMs: number;
        values: Set<string>;
        origin: (typeof context.facts)[number]['origin'];
      }
    >();
    for (const fact of context.facts) {
      const value = fact.annotations[LEGACY_ANNOTATION];
      if (value === undefined) continue;
      const entry = byUser.get(fact.user);
      if (entry) {
        entry.count++;
        entry.firstMs = Math.min(entry.firstMs, fact.timeMs);
        entry.lastMs = Math.max(entry.lastMs, fact.timeMs);
        entry.values.add(value);
      } else {
        byUser.set(fact.user, {
          count: 1,
          firstMs: fact.timeMs,
          lastMs: fact.timeMs,
          values: new Set([value]),
          origin: fact.origin,
        });
      }
    }
    for (const [user, entry] of byUser) {
      findings.push(
        makeFinding(LEGACY_TOKEN_USE, {
          source: 'hygiene',
          level: 'medium',
          message: `${user} authenticated ${entry.count} time(s) with a legacy token (${isoDay(entry.firstMs)} … ${isoDay(entry.lastMs)})`,
          now: context.now,
          origin: entry.origin,
          matched: [
            { field: 'user.username', value: user },
            { field: `annotations.${LEGACY_ANNOTATION}`, value: [...entry.values] },
          ],
          evidence: [
            `first ${isoDay(entry.firstMs)}, last ${isoDay(entry.lastMs)}, ${entry.count} request(s)`,
          ],
          remediation: 'Move the client to a TokenRequest token, then delete the token Secret.',
        }),
      );
    }
    for (const secret of context.analysis.model.tokenSecrets) {
      const lastUsed = secret.labels[LAST_USED];
      if (!lastUsed || secret.labels[INVALID_SINCE]) continue;
      findings.push(
        makeFinding(LEGACY_TOKEN_USE, {
          source: 'hygiene',
          level: 'low',
          message: `Secret ${secret.namespace}/${secret.name} (legacy token of ${secret.serviceAccount}) was last used on ${lastUsed}`,
          now: context.now,
          origin: secret.origin,
          object: secretObject(secret),
          matched: [{ field: `metadata.labels.${LAST_USED}`, value: lastUsed }],
          remediation:
            'Find the client with the audit log (HYG-004 events) and move it to TokenRequest tokens.',
        }),
      );
    }
    return { findings };
  },
};
