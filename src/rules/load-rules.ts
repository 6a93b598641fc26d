/**
 * Loads rule files (our pack and any Sigma rules) from files and directories: parses them
 * with the Sigma parser, resolves allow-list placeholders, checks the metadata every pack rule
 * promises, and keeps correlation and filter documents for their engines. Test folders
 * (`<rule>.tests/`) are skipped.
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CronwardenError, type Issue } from '../errors.js';
import type { RawSigmaDocument, SigmaRule } from '../sigma/ast.js';
import { parseSigmaText } from '../sigma/parse/parse-text.js';
import type { Allowlist } from './allowlist.js';
import { expandPlaceholders } from './placeholders.js';

/** The pack folder shipped with cronwarden (`rules/` at the package root). */
export const PACK_DIRECTORY = new URL('../../rules/', import.meta.url).pathname;

/** One detection rule ready to compile, with the pack's own metadata. */
export interface LoadedRule {
  readonly file: string;
  readonly rule: SigmaRule;
  /** `cw_id` (`CW-001`) for pack rules; undefined for imported and user rules. */
  readonly packId: string | undefined;
  /** `cw_message`: a one-line template with `{field.path}` references. */
  readonly message: string | undefined;
}

export interface RuleSet {
  readonly rules: readonly LoadedRule[];
  readonly correlations: readonly (RawSigmaDocument & { readonly file: string })[];
  readonly filters: readonly (RawSigmaDocument & { readonly file: string })[];
  readonly issues: readonly Issue[];
}

const RULE_FILE = /\.ya?ml$/i;
const PACK_ID = /^CW-\d{3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rule files under the given paths, sorted; `allowlist.yml` and test folders are skipped. */
export function listRuleFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (path: string, isTopLevel: boolean) => {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(path);
    } catch (cause) {
      throw new CronwardenError('CW_IO', `cannot read rules at ${path}`, {
        location: { file: path },
        cause,
      });
    }
    if (stats.isDirectory()) {
      if (!isTopLevel && path.endsWith('.tests')) return;
      for (const name of readdirSync(path).sort()) visit(join(path, name), false);
      return;
    }
    const name = path.split(/[\\/]/).pop() ?? '';
    if (isTopLevel || (RULE_FILE.test(name) && name !== 'allowlist.yml')) files.push(path);
  };
  for (const path of paths) visit(path, true);
  return files;
}

/**
 * Loads every rule under `paths`. Problems are issues (never exceptions), so one bad rule
 * does not hide the others; I/O failures throw `CW_IO`.
 */
export function loadRules(paths: readonly string[], allowlist: Allowlist): RuleSet {
  const rules: LoadedRule[] = [];
  const correlations: (RawSigmaDocument & { file: string })[] = [];
  const filters: (RawSigmaDocument & { file: string })[] = [];
  const issues: Issue[] = [];
  for (const file of listRuleFiles(paths)) {
    const parsed = parseSigmaText(readFileSync(file, 'utf8'), file);
    issues.push(...parsed.issues);
    for (const document of parsed.documents) {
      if (document.kind === 'correlation') correlations.push({ ...document, file });
      else if (document.kind === 'filter') filters.push({ ...document, file });
      else {
        const expanded = expandPlaceholders(document.rule, allowlist);
        issues.push(...expanded.issues, ...checkPackMetadata(expanded.rule));
        rules.push({
          file,
          rule: expanded.rule,
          packId: stringCustom(expanded.rule, 'cw_id'),
          message: stringCustom(expanded.rule, 'cw_message'),
        });
      }
    }
  }
  return { rules, correlations, filters, issues };
}

function stringCustom(rule: SigmaRule, key: string): string | undefined {
  const value = rule.custom[key];
  return typeof value === 'string' ? value : undefined;
}

/** What every pack rule (one with a `cw_id`) must carry. */
export function checkPackMetadata(rule: SigmaRule): Issue[] {
  if (rule.custom.cw_id === undefined) return [];
  const problems: string[] = [];
  const packId = stringCustom(rule, 'cw_id');
  if (packId === undefined || !PACK_ID.test(packId)) problems.push('cw_id must look like CW-001');
  if (rule.id === undefined || !UUID.test(rule.id)) problems.push('id must be a UUID');
  if (!rule.tags.includes('attack.t1053.007')) problems.push('tags must include attack.t1053.007');
  if (!rule.tags.some((tag) => /^attack\.[a-z-]+$/.test(tag) && !/^attack\.t\d/.test(tag))) {
    problems.push('tags must name an ATT&CK tactic (attack.persistence, ...)');
  }
  if (rule.level === undefined) problems.push('level is missing');
  if (rule.falsepositives.length === 0) problems.push('falsepositives is empty');
  if (rule.description === undefined) problems.push('description is missing');
  return problems.map((problem) => ({
    code: 'CW_RULES_METADATA',
    severity: 'error',
    message: `pack rule "${rule.title}": ${problem}`,
    location: rule.location,
  }));
}
