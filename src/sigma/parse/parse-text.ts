/**
 * `parseSigmaText`: a rule file (one rule, or a multi-document collection) to documents.
 *
 * Collections (Sigma 1.x collection format, still used by SigmaHQ tooling): a document with
 * `action: global` sets a template merged into every following document; `action: reset`
 * clears it; `action: repeat` repeats the previous document with its own attributes merged on
 * top. Merging is deep for maps; the later document wins for every other value.
 * @module
 */
import type { Issue } from '../../errors.js';
import type { ParseResult, SigmaDocument } from '../ast.js';
import { parseDocument } from './rule.js';
import {
  DEFAULT_YAML_LIMITS,
  getEntry,
  loadYaml,
  type YamlLimits,
  type YamlMap,
} from './yaml-tree.js';

/** Options of `parseSigmaText`. */
export interface ParseOptions {
  readonly limits?: Partial<YamlLimits>;
}

function merge(base: YamlMap, over: YamlMap): YamlMap {
  const entries = [...base.entries];
  for (const entry of over.entries) {
    const index = entries.findIndex((existing) => existing.key === entry.key);
    if (index < 0) {
      entries.push(entry);
      continue;
    }
    const existing = entries[index]!;
    entries[index] =
      existing.value.kind === 'map' && entry.value.kind === 'map'
        ? { ...entry, value: merge(existing.value, entry.value) }
        : entry;
  }
  return { kind: 'map', entries, location: over.location };
}

function withoutAction(map: YamlMap): YamlMap {
  return { ...map, entries: map.entries.filter((entry) => entry.key !== 'action') };
}

/**
 * Parses the text of a Sigma rule file into documents. Never throws on bad input: YAML errors,
 * limit violations, schema problems, unknown modifiers and bad conditions come back as issues
 * with `file:line:column`, and every other document of the file is still parsed.
 *
 * @param text the file content
 * @param file the name used in locations
 * @example
 * const { documents, issues } = parseSigmaText(readFileSync(path, 'utf8'), path);
 */
export function parseSigmaText(
  text: string,
  file: string,
  options: ParseOptions = {},
): ParseResult {
  const limits = { ...DEFAULT_YAML_LIMITS, ...options.limits };
  const loaded = loadYaml(text, file, limits);
  const issues: Issue[] = [...loaded.issues];
  const documents: SigmaDocument[] = [];
  let global: YamlMap | undefined;
  let previous: YamlMap | undefined;
  for (const document of loaded.documents) {
    const tree = document.tree;
    if (tree === undefined) continue;
    if (tree.kind !== 'map') {
      issues.push({
        code: 'CW_SIGMA_SCHEMA',
        severity: 'error',
        message: `a Sigma document must be a map of attributes, found a ${tree.kind === 'seq' ? 'list' : 'scalar'}`,
        location: tree.location,
      });
      continue;
    }
    const actionEntry = getEntry(tree, 'action');
    const action = actionEntry?.value.kind === 'scalar' ? actionEntry.value.value : undefined;
    if (actionEntry !== undefined) {
      if (action === 'global') {
        global = withoutAction(tree);
        continue;
      }
      if (action === 'reset') {
        global = undefined;
        continue;
      }
      if (action === 'repeat') {
        if (previous === undefined) {
          issues.push({
            code: 'CW_SIGMA_COLLECTION',
            severity: 'error',
            message: '`action: repeat` has no previous document to repeat',
            location: actionEntry.keyLocation,
          });
          continue;
        }
        const repeated = merge(previous, withoutAction(tree));
        previous = repeated;
        const parsed = parseDocument(repeated, tree.location, text, issues);
        if (parsed) documents.push(parsed);
        continue;
      }
      issues.push({
        code: 'CW_SIGMA_COLLECTION',
        severity: 'error',
        message: `unknown collection action "${String(action)}"; expected global, reset or repeat`,
        location: actionEntry.value.location,
      });
      continue;
    }
    const merged = global ? merge(global, tree) : tree;
    previous = merged;
    const parsed = parseDocument(merged, tree.location, text, issues);
    if (parsed) documents.push(parsed);
  }
  if (loaded.documents.length === 0 && loaded.issues.length === 0) {
    issues.push({
      code: 'CW_SIGMA_SCHEMA',
      severity: 'error',
      message: 'the file holds no YAML document',
      location: { file, line: 1, column: 1 },
    });
  }
  return { documents, issues };
}
