/**
 * Resolves the rule references of correlations against the loaded rules: unknown and
 * ambiguous references, cycles between chained correlations, aliases per referenced rule,
 * and which rules stay quiet on their own (`generate: false`).
 * @module
 */
import type { Issue } from '../../errors.js';
import { type CorrelationRule, describeCorrelation } from './types.js';

/** What a correlation may refer to: any loaded rule with an id and/or a name. */
export interface KnownRule {
  readonly id?: string;
  readonly name?: string;
  readonly title: string;
}

/** One referenced rule of a resolved correlation. */
export interface CorrelationInput {
  /** Canonical key of the referenced rule (its id, else its name). */
  readonly targetKey: string;
  /** The reference as written. */
  readonly ref: string;
  /** For each group-by entry, the field to read in this rule's events (aliases applied). */
  readonly groupFields: readonly string[];
}

export interface ResolvedCorrelation {
  readonly rule: CorrelationRule;
  /** Canonical key under which its own matches feed other correlations. */
  readonly key: string;
  readonly inputs: readonly CorrelationInput[];
}

export interface CorrelationResolution {
  /** Usable correlations, inner ones before the ones that refer to them. */
  readonly correlations: readonly ResolvedCorrelation[];
  /**
   * Canonical keys of rules whose stand-alone matches are not reported: they are referenced by
   * a correlation and no referring correlation sets `generate: true` (spec §Generate).
   */
  readonly quietKeys: ReadonlySet<string>;
  readonly issues: readonly Issue[];
  /** The same issues per input correlation (same order as the input), for per-document reports. */
  readonly issuesByCorrelation: readonly (readonly Issue[])[];
}

/** The canonical key of a rule: its id, else its name (undefined when it has neither). */
export function ruleKey(rule: {
  readonly id?: string;
  readonly name?: string;
}): string | undefined {
  return rule.id ?? rule.name;
}

type Target = { kind: 'base'; rule: KnownRule } | { kind: 'correlation'; index: number };

/**
 * Resolves every correlation's references. Correlations with unknown or ambiguous references,
 * in a cycle, or referring to a rejected correlation are dropped with an error issue.
 */
export function resolveCorrelations(
  correlations: readonly CorrelationRule[],
  baseRules: readonly KnownRule[],
): CorrelationResolution {
  const issues: Issue[] = [];
  const byCorrelation: Issue[][] = correlations.map(() => []);
  const report = (i: number, issue: Issue) => {
    issues.push(issue);
    byCorrelation[i]!.push(issue); // i indexes `correlations`
  };
  const index = new Map<string, Target[]>();
  const add = (key: string | undefined, target: Target) => {
    if (key === undefined) return;
    const list = index.get(key) ?? [];
    list.push(target);
    index.set(key, list);
  };
  for (const rule of baseRules) {
    add(rule.id, { kind: 'base', rule });
    if (rule.name !== rule.id) add(rule.name, { kind: 'base', rule });
  }
  correlations.forEach((rule, i) => {
    add(rule.id, { kind: 'correlation', index: i });
    if (rule.name !== rule.id) add(rule.name, { kind: 'correlation', index: i });
  });

  const rejected = new Set<number>();
  const edges: number[][] = correlations.map(() => []);
  const targets: (Target | undefined)[][] = correlations.map((rule, i) =>
    rule.rules.map((reference) => {
      const found = index.get(reference.ref) ?? [];
      if (found.length === 0) {
        rejected.add(i);
        report(i, {
          code: 'CW_SIGMA_CORRELATION_UNKNOWN_RULE',
          severity: 'error',
          message: `${describeCorrelation(rule)}: refers to rule "${reference.ref}", which is not loaded (no rule has this id or name)`,
          location: reference.location,
        });
        return undefined;
      }
      if (found.length > 1) {
        rejected.add(i);
        report(i, {
          code: 'CW_SIGMA_CORRELATION_DUPLICATE_REFERENCE',
          severity: 'error',
          message: `${describeCorrelation(rule)}: rule reference "${reference.ref}" is ambiguous: ${found.length} loaded rules have this id or name`,
          location: reference.location,
        });
        return undefined;
      }
      const target = found[0]!; // length is 1
      if (target.kind === 'correlation') edges[i]!.push(target.index);
      return target;
    }),
  );

  markCycles(correlations, edges, rejected, report);
  propagateRejection(correlations, edges, rejected, report);

  const order = topologicalOrder(edges, rejected);
  const resolved: ResolvedCorrelation[] = [];
  for (const i of order) {
    const rule = correlations[i]!; // i comes from the same array
    const key = ruleKey(rule) ?? `correlation:${rule.title}`;
    const inputs = rule.rules.map((reference, r): CorrelationInput => {
      const target = targets[i]![r]!; // not rejected, so every reference resolved
      const targetKey =
        target.kind === 'base'
          ? (ruleKey(target.rule) ?? reference.ref)
          : (ruleKey(correlations[target.index]!) ?? reference.ref);
      return {
        targetKey,
        ref: reference.ref,
        groupFields: groupFieldsFor(rule, reference.ref, (issue) => report(i, issue)),
      };
    });
    resolved.push({ rule, key, inputs });
  }

  const generating = new Set<string>();
  const referenced = new Set<string>();
  for (const correlation of resolved) {
    for (const input of correlation.inputs) {
      referenced.add(input.targetKey);
      if (correlation.rule.generate) generating.add(input.targetKey);
    }
  }
  const quietKeys = new Set([...referenced].filter((key) => !generating.has(key)));
  return { correlations: resolved, quietKeys, issues, issuesByCorrelation: byCorrelation };
}

/** Group-by entries resolved for one referenced rule: an alias names a per-rule field. */
function groupFieldsFor(
  rule: CorrelationRule,
  ref: string,
  warn: (issue: Issue) => void,
): string[] {
  return rule.groupBy.map((entry) => {
    const alias = rule.aliases.get(entry);
    if (!alias) return entry;
    const field = alias.get(ref);
    if (field !== undefined) return field;
    warn({
      code: 'CW_SIGMA_CORRELATION_BAD_ALIAS',
      severity: 'warning',
      message: `${describeCorrelation(rule)}: alias "${entry}" has no field for rule "${ref}"; its events are grouped by a field named "${entry}"`,
      location: rule.location,
    });
    return entry;
  });
}

function markCycles(
  correlations: readonly CorrelationRule[],
  edges: readonly number[][],
  rejected: Set<number>,
  report: (i: number, issue: Issue) => void,
): void {
  const state = new Uint8Array(correlations.length); // 0 new, 1 on stack, 2 done
  const stack: number[] = [];
  const inCycle = new Set<number>();
  const visit = (node: number) => {
    state[node] = 1;
    stack.push(node);
    for (const next of edges[node]!) {
      if (state[next] === 1) {
        const cycle = stack.slice(stack.indexOf(next));
        const path = [...cycle, next]
          .map((n) => describeCorrelation(correlations[n]!))
          .join(' -> ');
        for (const member of cycle) {
          if (inCycle.has(member)) continue;
          inCycle.add(member);
          rejected.add(member);
          report(member, {
            code: 'CW_SIGMA_CORRELATION_CYCLE',
            severity: 'error',
            message: `${describeCorrelation(correlations[member]!)}: chained correlations form a cycle: ${path}`,
            location: correlations[member]!.location,
          });
        }
      } else if (state[next] === 0) {
        visit(next);
      }
    }
    stack.pop();
    state[node] = 2;
  };
  for (let i = 0; i < correlations.length; i++) if (state[i] === 0) visit(i);
}

function propagateRejection(
  correlations: readonly CorrelationRule[],
  edges: readonly number[][],
  rejected: Set<number>,
  report: (i: number, issue: Issue) => void,
): void {
  let changed = true;
  while (changed) {
    changed = false;
    edges.forEach((targets, i) => {
      if (rejected.has(i)) return;
      const bad = targets.find((t) => rejected.has(t));
      if (bad === undefined) return;
      rejected.add(i);
      changed = true;
      report(i, {
        code: 'CW_SIGMA_CORRELATION_UNKNOWN_RULE',
        severity: 'error',
        message: `${describeCorrelation(correlations[i]!)}: refers to ${describeCorrelation(correlations[bad]!)}, which was rejected`,
        location: correlations[i]!.location,
      });
    });
  }
}

function topologicalOrder(edges: readonly number[][], rejected: ReadonlySet<number>): number[] {
  const order: number[] = [];
  const done = new Set<number>();
  const visit = (node: number) => {
    if (done.has(node)) return;
    done.add(node);
    for (const next of edges[node]!) visit(next);
    order.push(node);
  };
  for (let i = 0; i < edges.length; i++) if (!rejected.has(i)) visit(i);
  return order;
}
