/**
 * Rule linting: parse and compile every document of a set of rule files and report each
 * outcome with its reasons. Document kinds other than detection rules (correlation, filter)
 * are checked by handlers that their modules register (`registerDocumentHandler`), so the
 * linter grows with the engine without knowing those kinds.
 * @module
 */
import type { Issue } from '../../errors.js';
import type { SigmaDocument, SigmaRule } from '../ast.js';
import { compileRule } from '../compile/compile-rule.js';
import { parseSigmaText } from '../parse/parse-text.js';

/** What happened to one document. */
export type LintOutcome = 'ok' | 'error' | 'unchecked' | 'not-sigma';

export const LINT_OUTCOMES: readonly LintOutcome[] = ['ok', 'error', 'unchecked', 'not-sigma'];

export interface LintEntry {
  readonly file: string;
  readonly kind: SigmaDocument['kind'] | 'file';
  readonly id?: string;
  readonly title?: string;
  readonly outcome: LintOutcome;
  readonly issues: readonly Issue[];
}

export interface LintReport {
  readonly files: number;
  readonly entries: readonly LintEntry[];
  /** Documents per outcome. */
  readonly counts: Readonly<Record<LintOutcome, number>>;
  /** Error issues per code (the reasons rules were rejected). */
  readonly reasons: Readonly<Record<string, number>>;
  /** Warnings that did not fail a document (duplicate ids, obsolete attributes). */
  readonly warnings: readonly Issue[];
}

/** What a handler sees: the document and every rule parsed in the same lint run. */
export interface LintContext {
  readonly rules: readonly SigmaRule[];
  readonly documents: readonly SigmaDocument[];
}

/** Checks one kind of non-rule document (registered by the correlation and filter modules). */
export interface DocumentKindHandler {
  readonly kind: Exclude<SigmaDocument['kind'], 'rule'>;
  /** Returns the issues of the document; errors make its outcome `error`. */
  readonly check: (document: SigmaDocument, context: LintContext) => readonly Issue[];
}

const HANDLERS = new Map<string, DocumentKindHandler>();

/** Registers (or replaces) the handler of a document kind. */
export function registerDocumentHandler(handler: DocumentKindHandler): void {
  HANDLERS.set(handler.kind, handler);
}

/** The registered handler of a kind, if any. */
export function documentHandler(kind: string): DocumentKindHandler | undefined {
  return HANDLERS.get(kind);
}

/** Options of `lintSources`. */
export interface LintOptions {
  /** Transforms each rule before it is compiled (processing pipelines); no rule = rejected. */
  readonly prepareRule?: (rule: SigmaRule) => {
    readonly rule?: SigmaRule;
    readonly issues: readonly Issue[];
  };
}

/** A rule file's content. */
export interface RuleFileSource {
  readonly file: string;
  readonly text: string;
}

/** A top-level Sigma key at the start of a line (regression `info.yml` and other data have none). */
const SIGMA_KEY_LINE = /^(title|detection|logsource|correlation|filter|action)\s*:/m;

function looksLikeSigma(source: RuleFileSource): boolean {
  return SIGMA_KEY_LINE.test(source.text);
}

/**
 * Lints rule sources: parses every document, compiles every rule, runs registered handlers on
 * correlation and filter documents, flags duplicate ids. Pure: the caller reads the files.
 */
export function lintSources(
  sources: readonly RuleFileSource[],
  options: LintOptions = {},
): LintReport {
  const entries: LintEntry[] = [];
  const warnings: Issue[] = [];
  const parsed: {
    source: RuleFileSource;
    documents: readonly SigmaDocument[];
    issues: readonly Issue[];
  }[] = [];
  for (const source of sources) {
    if (!looksLikeSigma(source)) {
      entries.push({ file: source.file, kind: 'file', outcome: 'not-sigma', issues: [] });
      continue;
    }
    const result = parseSigmaText(source.text, source.file);
    parsed.push({ source, ...result });
  }
  const rules = parsed.flatMap((file) =>
    file.documents.flatMap((d) => (d.kind === 'rule' ? [d.rule] : [])),
  );
  const documents = parsed.flatMap((file) => file.documents);
  const context: LintContext = { rules, documents };
  const seenIds = new Map<string, string>();
  for (const file of parsed) {
    const errors = file.issues.filter((issue) => issue.severity === 'error');
    warnings.push(...file.issues.filter((issue) => issue.severity === 'warning'));
    if (errors.length > 0) {
      // Parse errors belong to documents that did not come out; report them per file.
      entries.push({ file: file.source.file, kind: 'file', outcome: 'error', issues: errors });
    }
    for (const document of file.documents) {
      const identity = document.kind === 'rule' ? document.rule : document;
      const id = identity.id;
      if (id !== undefined) {
        const first = seenIds.get(id);
        const location = document.kind === 'rule' ? document.rule.location : document.location;
        if (first !== undefined) {
          warnings.push({
            code: 'CW_SIGMA_DUPLICATE_ID',
            severity: 'warning',
            message: `id ${id} is already used in ${first}`,
            location,
          });
        } else seenIds.set(id, location.file);
      }
      const base = {
        file: file.source.file,
        kind: document.kind,
        ...(id === undefined ? {} : { id }),
        ...(identity.title === undefined ? {} : { title: identity.title }),
      };
      if (document.kind === 'rule') {
        // Hook for processing pipelines (sigma-ext): the rule is transformed before compiling.
        const prepared = options.prepareRule?.(document.rule) ?? {
          rule: document.rule,
          issues: [],
        };
        if (prepared.rule === undefined) {
          entries.push({ ...base, outcome: 'error', issues: prepared.issues });
          continue;
        }
        const compiled = compileRule(prepared.rule);
        const issues = [...prepared.issues, ...compiled.issues];
        entries.push({ ...base, outcome: compiled.ok ? 'ok' : 'error', issues });
        continue;
      }
      const handler = HANDLERS.get(document.kind);
      if (handler === undefined) {
        entries.push({
          ...base,
          outcome: 'unchecked',
          issues: [
            {
              code: 'CW_SIGMA_DOCUMENT_KIND',
              severity: 'warning',
              message: `${document.kind} document parsed but not checked: no ${document.kind} handler is registered`,
              location: document.location,
            },
          ],
        });
        continue;
      }
      const issues = handler.check(document, context);
      entries.push({
        ...base,
        outcome: issues.some((issue) => issue.severity === 'error') ? 'error' : 'ok',
        issues,
      });
    }
  }
  const counts: Record<LintOutcome, number> = { ok: 0, error: 0, unchecked: 0, 'not-sigma': 0 };
  const reasons: Record<string, number> = {};
  for (const entry of entries) {
    counts[entry.outcome] += 1;
    for (const issue of entry.issues) {
      if (issue.severity === 'error') reasons[issue.code] = (reasons[issue.code] ?? 0) + 1;
    }
  }
  return { files: sources.length, entries, counts, reasons, warnings };
}
