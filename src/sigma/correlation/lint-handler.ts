/**
 * `rules lint` support for correlation documents: each is parsed and its references resolved
 * against every rule and correlation of the same lint run (unknown or ambiguous references,
 * cycles, aliases).
 * @module
 */
import type { Issue } from '../../errors.js';
import type { SigmaDocument } from '../ast.js';
import type { DocumentKindHandler, LintContext } from '../lint/lint.js';
import { parseCorrelation } from './parse.js';
import { resolveCorrelations } from './resolve.js';
import type { CorrelationRule } from './types.js';

/** Per lint run: every correlation parsed once and resolved together (cycles span documents). */
const RUNS = new WeakMap<LintContext, Map<SigmaDocument, readonly Issue[]>>();

function lintRun(context: LintContext): Map<SigmaDocument, readonly Issue[]> {
  const cached = RUNS.get(context);
  if (cached) return cached;
  const parsed: { document: SigmaDocument; issues: readonly Issue[]; rule?: CorrelationRule }[] =
    [];
  for (const document of context.documents) {
    if (document.kind !== 'correlation') continue;
    const result = parseCorrelation(document.tree);
    parsed.push({ document, issues: result.issues, ...(result.rule ? { rule: result.rule } : {}) });
  }
  const usable = parsed.filter((p) => p.rule !== undefined);
  const resolution = resolveCorrelations(
    usable.map((p) => p.rule!), // filtered on rule !== undefined
    context.rules,
  );
  const byDocument = new Map<SigmaDocument, readonly Issue[]>();
  for (const entry of parsed) byDocument.set(entry.document, entry.issues);
  usable.forEach((entry, i) => {
    byDocument.set(entry.document, [...entry.issues, ...(resolution.issuesByCorrelation[i] ?? [])]);
  });
  RUNS.set(context, byDocument);
  return byDocument;
}

export const correlationLintHandler: DocumentKindHandler = {
  kind: 'correlation',
  check: (document, context) => lintRun(context).get(document) ?? [],
};
