/**
 * Parses filter documents: `title`, `id`, `logsource` (mandatory) and `filter` holding `rules`
 * plus search identifiers and a `condition`, which are parsed exactly like a rule's detection.
 * @module
 */
import type { Issue, Location } from '../../errors.js';
import type { Logsource } from '../../logsource.js';
import type { RawSigmaDocument } from '../ast.js';
import { parseDetection } from '../parse/detection.js';
import { parseSigmaText } from '../parse/parse-text.js';
import { getEntry, type YamlMap, type YamlTree } from '../parse/yaml-tree.js';
import { describeFilter, type FilterRuleReference, type SigmaFilter } from './types.js';

const TOP_LEVEL_KEYS = new Set([
  'title',
  'id',
  'name',
  'description',
  'author',
  'date',
  'modified',
  'taxonomy',
  'logsource',
  'filter',
  'references',
  'tags',
  'license',
]);

export interface FilterParseResult {
  readonly filter?: SigmaFilter;
  readonly issues: readonly Issue[];
}

/** Parses the filter documents of a YAML text (other documents are ignored here). */
export function parseFilterText(
  text: string,
  file: string,
): { filters: SigmaFilter[]; issues: Issue[] } {
  const parsed = parseSigmaText(text, file);
  const issues = [...parsed.issues];
  const filters: SigmaFilter[] = [];
  for (const document of parsed.documents) {
    if (document.kind !== 'filter') continue;
    const result = parseFilter(document, text);
    issues.push(...result.issues);
    if (result.filter) filters.push(result.filter);
  }
  return { filters, issues };
}

/**
 * Parses one filter document handed over by the rule parser.
 * @param text the file's text (condition positions are computed from it)
 */
export function parseFilter(document: RawSigmaDocument, text: string): FilterParseResult {
  const issues: Issue[] = [];
  const map = document.tree;
  const title = document.title;
  const label = describeFilter({
    title: title ?? '(untitled)',
    ...(document.id ? { id: document.id } : {}),
  });
  const fail = (message: string, location: Location) =>
    issues.push({
      code: 'CW_SIGMA_FILTER_INVALID',
      severity: 'error',
      message: `${label}: ${message}`,
      location,
    });
  const before = issues.length;

  if (title === undefined) fail('missing "title"; expected a string', document.location);
  for (const entry of map.entries) {
    if (!TOP_LEVEL_KEYS.has(entry.key)) {
      issues.push({
        code: 'CW_SIGMA_FILTER_INVALID',
        severity:
          entry.key === 'level' || entry.key === 'status' || entry.key === 'detection'
            ? 'error'
            : 'warning',
        message: `${label}: unexpected attribute "${entry.key}"${entry.key === 'detection' ? '; a filter puts its searches and condition under "filter"' : entry.key === 'level' || entry.key === 'status' ? '; a filter has no level or status (it tunes other rules)' : ' is ignored'}`,
        location: entry.keyLocation,
      });
    }
  }
  const logsource = parseLogsource(map, document.location, fail);
  const section = getEntry(map, 'filter');
  let rules: SigmaFilter['rules'] | undefined;
  let detectionTree: YamlMap | undefined;
  if (section === undefined) {
    fail(
      'missing "filter"; expected a mapping with rules, search identifiers and condition',
      document.location,
    );
  } else if (section.value.kind !== 'map') {
    fail(
      '"filter" must be a mapping with rules, search identifiers and condition',
      section.value.location,
    );
  } else {
    const rulesEntry = getEntry(section.value, 'rules');
    if (rulesEntry === undefined) {
      fail(
        'missing "filter.rules"; expected a list of rule ids or names, or "any"',
        section.keyLocation,
      );
    } else {
      rules = parseRuleList(rulesEntry.value, fail);
    }
    detectionTree = {
      kind: 'map',
      location: section.value.location,
      entries: section.value.entries.filter((entry) => entry.key !== 'rules'),
    };
  }
  const detection = detectionTree
    ? parseDetection(detectionTree, { label, text, issues })
    : undefined;
  const hasError = issues.slice(before).some((issue) => issue.severity === 'error');
  if (hasError || !detection || !logsource || rules === undefined || title === undefined) {
    return { issues };
  }
  return {
    filter: {
      kind: 'filter',
      title,
      ...(document.id === undefined ? {} : { id: document.id }),
      ...(document.name === undefined ? {} : { name: document.name }),
      ...descriptionOf(map),
      logsource,
      rules,
      detection,
      location: document.location,
    },
    issues,
  };
}

function descriptionOf(map: YamlMap): { description?: string } {
  const entry = getEntry(map, 'description');
  return entry?.value.kind === 'scalar' && typeof entry.value.value === 'string'
    ? { description: entry.value.value }
    : {};
}

function parseLogsource(
  map: YamlMap,
  location: Location,
  fail: (message: string, location: Location) => void,
): Logsource | undefined {
  const entry = getEntry(map, 'logsource');
  if (entry === undefined) {
    fail('missing "logsource"; a filter applies only to rules of its logsource', location);
    return undefined;
  }
  if (entry.value.kind !== 'map') {
    fail('"logsource" must be a mapping of product, category, service', entry.value.location);
    return undefined;
  }
  const out: { product?: string; category?: string; service?: string } = {};
  for (const item of entry.value.entries) {
    if (item.key !== 'product' && item.key !== 'category' && item.key !== 'service') {
      if (item.key !== 'definition')
        fail(
          `unknown logsource key "${item.key}"; expected product, category or service`,
          item.keyLocation,
        );
      continue;
    }
    if (item.value.kind !== 'scalar' || typeof item.value.value !== 'string') {
      fail(`"logsource.${item.key}" must be a string`, item.value.location);
      continue;
    }
    out[item.key] = item.value.value;
  }
  return out;
}

function parseRuleList(
  tree: YamlTree,
  fail: (message: string, location: Location) => void,
): SigmaFilter['rules'] | undefined {
  if (tree.kind === 'scalar' && tree.value === 'any') return 'any';
  if (tree.kind === 'scalar' && typeof tree.value === 'string' && tree.value !== '') {
    return [{ ref: tree.value, location: tree.location }];
  }
  if (tree.kind !== 'seq') {
    fail('"filter.rules" must be a list of rule ids or names, or "any"', tree.location);
    return undefined;
  }
  // pySigma treats an empty list as `any`.
  if (tree.items.length === 0) return 'any';
  const refs: FilterRuleReference[] = [];
  for (const item of tree.items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string' || item.value === '') {
      fail('each item of "filter.rules" must be a rule id or name', item.location);
      continue;
    }
    refs.push({ ref: item.value, location: item.location });
  }
  return refs;
}
