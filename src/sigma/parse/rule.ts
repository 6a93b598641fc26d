/**
 * One YAML document to a Sigma document: a detection rule (fully parsed into the AST), or a
 * correlation / filter document (handed over as plain data plus its located tree).
 * @module
 */
import type { Issue, Location } from '../../errors.js';
import {
  type RelatedRule,
  RULE_LEVELS,
  RULE_STATUSES,
  type RuleLevel,
  type RuleLogsource,
  type RuleStatus,
  type SigmaDocument,
  type SigmaRule,
} from '../ast.js';
import { parseDetection, type RuleContext } from './detection.js';
import { getEntry, toPlain, type YamlMap, type YamlTree } from './yaml-tree.js';

const STRING_ATTRIBUTES = [
  'id',
  'name',
  'description',
  'license',
  'author',
  'date',
  'modified',
  'taxonomy',
] as const;
const LIST_ATTRIBUTES = ['tags', 'references', 'falsepositives', 'fields', 'scope'] as const;
const KNOWN = new Set<string>([
  'title',
  'status',
  'level',
  'related',
  'logsource',
  'detection',
  ...STRING_ATTRIBUTES,
  ...LIST_ATTRIBUTES,
]);

function scalarText(tree: YamlTree | undefined): string | undefined {
  if (tree?.kind !== 'scalar' || tree.value === null) return undefined;
  return String(tree.value);
}

/** A label for messages: `rule "title" (id)`. */
export function ruleLabel(map: YamlMap): string {
  const title = scalarText(getEntry(map, 'title')?.value);
  const id = scalarText(getEntry(map, 'id')?.value);
  const kind = getEntry(map, 'correlation')
    ? 'correlation'
    : getEntry(map, 'filter')
      ? 'filter'
      : 'rule';
  if (title && id) return `${kind} "${title}" (${id})`;
  if (title) return `${kind} "${title}"`;
  if (id) return `${kind} ${id}`;
  return kind;
}

/** Classifies and parses one (already merged) document. */
export function parseDocument(
  map: YamlMap,
  location: Location,
  text: string,
  issues: Issue[],
): SigmaDocument | undefined {
  const kind = getEntry(map, 'correlation')
    ? 'correlation'
    : getEntry(map, 'filter')
      ? 'filter'
      : 'rule';
  if (kind !== 'rule') {
    const id = scalarText(getEntry(map, 'id')?.value);
    const name = scalarText(getEntry(map, 'name')?.value);
    const title = scalarText(getEntry(map, 'title')?.value);
    return {
      kind,
      ...(id === undefined ? {} : { id }),
      ...(name === undefined ? {} : { name }),
      ...(title === undefined ? {} : { title }),
      data: toPlain(map) as Record<string, unknown>,
      tree: map,
      location,
    };
  }
  const rule = parseRule(map, location, text, issues);
  return rule ? { kind: 'rule', rule } : undefined;
}

/** Parses a detection rule document; every problem becomes an issue, and the rule is dropped only when it cannot run. */
export function parseRule(
  map: YamlMap,
  location: Location,
  text: string,
  issues: Issue[],
): SigmaRule | undefined {
  const context: RuleContext = { label: ruleLabel(map), text, issues };
  const before = issues.length;
  const fail = (message: string, at: Location) =>
    issues.push({
      code: 'CW_SIGMA_SCHEMA',
      severity: 'error',
      message: `${context.label}: ${message}`,
      location: at,
    });

  const titleEntry = getEntry(map, 'title');
  const title = scalarText(titleEntry?.value);
  if (titleEntry === undefined) fail('missing required attribute `title`', location);
  else if (titleEntry.value.kind !== 'scalar' || typeof titleEntry.value.value !== 'string') {
    fail('`title` must be a string', titleEntry.value.location);
  } else if (titleEntry.value.value.length > 256) {
    fail('`title` is longer than 256 characters', titleEntry.value.location);
  }

  const strings: Partial<Record<(typeof STRING_ATTRIBUTES)[number], string>> = {};
  for (const key of STRING_ATTRIBUTES) {
    const entry = getEntry(map, key);
    if (entry === undefined) continue;
    if (entry.value.kind !== 'scalar' || entry.value.value === null) {
      fail(`\`${key}\` must be a string`, entry.value.location);
      continue;
    }
    strings[key] = String(entry.value.value);
  }

  const lists: Record<(typeof LIST_ATTRIBUTES)[number], string[]> = {
    tags: [],
    references: [],
    falsepositives: [],
    fields: [],
    scope: [],
  };
  for (const key of LIST_ATTRIBUTES) {
    const entry = getEntry(map, key);
    if (entry === undefined) continue;
    const tree = entry.value;
    if (tree.kind === 'scalar') {
      // A single string where a list is expected is accepted (common in older rules).
      if (tree.value !== null) lists[key].push(String(tree.value));
    } else if (tree.kind === 'seq') {
      for (const element of tree.items) {
        if (element.kind === 'scalar' && element.value !== null)
          lists[key].push(String(element.value));
        else fail(`\`${key}\` must be a list of strings`, element.location);
      }
    } else fail(`\`${key}\` must be a list of strings`, tree.location);
  }

  let status: RuleStatus | undefined;
  const statusEntry = getEntry(map, 'status');
  if (statusEntry) {
    const value = scalarText(statusEntry.value);
    if (value !== undefined && (RULE_STATUSES as readonly string[]).includes(value))
      status = value as RuleStatus;
    else
      fail(
        `\`status\` must be one of ${RULE_STATUSES.join(', ')}; found "${value ?? statusEntry.value.kind}"`,
        statusEntry.value.location,
      );
  }
  let level: RuleLevel | undefined;
  const levelEntry = getEntry(map, 'level');
  if (levelEntry) {
    const value = scalarText(levelEntry.value);
    if (value !== undefined && (RULE_LEVELS as readonly string[]).includes(value))
      level = value as RuleLevel;
    else
      fail(
        `\`level\` must be one of ${RULE_LEVELS.join(', ')}; found "${value ?? levelEntry.value.kind}"`,
        levelEntry.value.location,
      );
  }

  const related: RelatedRule[] = [];
  const relatedEntry = getEntry(map, 'related');
  if (relatedEntry) {
    if (relatedEntry.value.kind !== 'seq')
      fail('`related` must be a list of {id, type}', relatedEntry.value.location);
    else {
      for (const element of relatedEntry.value.items) {
        const id = element.kind === 'map' ? scalarText(getEntry(element, 'id')?.value) : undefined;
        const type =
          element.kind === 'map' ? scalarText(getEntry(element, 'type')?.value) : undefined;
        if (id === undefined || type === undefined)
          fail('each `related` entry needs `id` and `type`', element.location);
        else related.push({ id, type });
      }
    }
  }

  let logsource: RuleLogsource | undefined;
  const logsourceEntry = getEntry(map, 'logsource');
  if (logsourceEntry === undefined) fail('missing required attribute `logsource`', location);
  else if (logsourceEntry.value.kind !== 'map')
    fail('`logsource` must be a map', logsourceEntry.value.location);
  else {
    const custom: Record<string, unknown> = {};
    const known: Record<string, string> = {};
    for (const entry of logsourceEntry.value.entries) {
      if (['product', 'category', 'service', 'definition'].includes(entry.key)) {
        const value = scalarText(entry.value);
        if (value === undefined)
          fail(`\`logsource.${entry.key}\` must be a string`, entry.value.location);
        else known[entry.key] = value;
      } else custom[entry.key] = toPlain(entry.value);
    }
    logsource = { ...known, custom };
  }

  const detectionEntry = getEntry(map, 'detection');
  const detection = detectionEntry ? parseDetection(detectionEntry.value, context) : undefined;
  if (detectionEntry === undefined) fail('missing required attribute `detection`', location);

  const custom: Record<string, unknown> = {};
  for (const entry of map.entries)
    if (!KNOWN.has(entry.key)) custom[entry.key] = toPlain(entry.value);

  if (issues.slice(before).some((found) => found.severity === 'error')) return undefined;
  if (title === undefined || logsource === undefined || detection === undefined) return undefined;
  return {
    title,
    ...strings,
    ...(status === undefined ? {} : { status }),
    ...(level === undefined ? {} : { level }),
    ...lists,
    related,
    logsource,
    detection,
    custom,
    location,
  };
}
