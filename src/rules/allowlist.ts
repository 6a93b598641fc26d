/**
 * The allow-list of the T1053.007 pack: named lists of known controllers, platform identities,
 * protected namespaces, trusted registries. Rules reference a list with a Sigma placeholder
 * (`user.username|expand: '%cw_controllers%'`); analytics read the same lists through
 * `compileValueMatcher`. One file (`rules/allowlist.yml`) documents the defaults; a user file
 * replaces lists by name or, with `extend: true`, appends to them.
 * @module
 */
import { readFileSync } from 'node:fs';
import RE2 from 're2';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Issue, Location } from '../errors.js';
import { CronwardenError } from '../errors.js';

/** List name → Sigma values (`*`/`?` wildcards, case-insensitive). */
export type Allowlist = ReadonlyMap<string, readonly string[]>;

/** The result of reading an allow-list file: the lists, whether it extends, every problem. */
export interface ParsedAllowlist {
  readonly lists: Allowlist;
  readonly extend: boolean;
  readonly issues: readonly Issue[];
}

/** The packaged defaults, next to the rules. */
export const DEFAULT_ALLOWLIST_URL = new URL('../../rules/allowlist.yml', import.meta.url);

const LIST_NAME = /^cw_[a-z0-9_]+$/;

/** Parses allow-list YAML; every problem becomes an issue with its line and column. */
export function parseAllowlist(text: string, file: string): ParsedAllowlist {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const issues: Issue[] = [];
  const at = (offset: number | undefined): Location => {
    if (offset === undefined) return { file };
    const position = lineCounter.linePos(offset);
    return { file, line: position.line, column: position.col };
  };
  const fail = (message: string, offset: number | undefined) =>
    issues.push({ code: 'CW_RULES_ALLOWLIST', severity: 'error', message, location: at(offset) });

  for (const error of document.errors) fail(error.message, error.pos[0]);
  const lists = new Map<string, string[]>();
  let extend = false;
  const root = document.contents;
  if (root === null) return { lists, extend, issues };
  if (!isMap(root)) {
    fail('an allow-list must be a map of list names to lists of values', root.range?.[0]);
    return { lists, extend, issues };
  }
  for (const pair of root.items) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const keyOffset = isScalar(keyNode) ? keyNode.range?.[0] : undefined;
    if (key === 'extend') {
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof value !== 'boolean') fail('`extend` must be true or false', keyOffset);
      else extend = value;
      continue;
    }
    if (!LIST_NAME.test(key)) {
      fail(`list name "${key}" must match cw_[a-z0-9_]+ (e.g. cw_controllers)`, keyOffset);
      continue;
    }
    if (!isSeq(pair.value) || pair.value.items.length === 0) {
      fail(`list "${key}" must be a non-empty list of strings`, keyOffset);
      continue;
    }
    const values: string[] = [];
    for (const item of pair.value.items) {
      if (isScalar(item) && typeof item.value === 'string' && item.value !== '') {
        values.push(item.value);
      } else {
        const offset = isScalar(item) ? item.range?.[0] : keyOffset;
        fail(`list "${key}" holds a value that is not a non-empty string`, offset);
      }
    }
    lists.set(key, values);
  }
  return { lists, extend, issues };
}

/** Applies an override: its lists replace the base lists, or are appended when `extend`. */
export function mergeAllowlists(base: Allowlist, override: ParsedAllowlist): Allowlist {
  const merged = new Map(base);
  for (const [name, values] of override.lists) {
    const current = merged.get(name);
    merged.set(name, override.extend && current ? [...current, ...values] : values);
  }
  return merged;
}

/**
 * Reads the packaged defaults and, when given, a user file on top.
 * @throws CronwardenError `CW_IO` when a file cannot be read, `CW_RULES_ALLOWLIST` with the
 * first problem's location when a file is invalid.
 */
export function loadAllowlist(overridePath?: string): Allowlist {
  const defaults = readAllowlistFile(DEFAULT_ALLOWLIST_URL.pathname);
  if (overridePath === undefined) return defaults.lists;
  return mergeAllowlists(defaults.lists, readAllowlistFile(overridePath));
}

function readAllowlistFile(path: string): ParsedAllowlist {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new CronwardenError('CW_IO', `cannot read allow-list ${path}`, {
      location: { file: path },
      cause,
    });
  }
  const parsed = parseAllowlist(text, path);
  const first = parsed.issues[0];
  if (first) {
    throw new CronwardenError('CW_RULES_ALLOWLIST', first.message, {
      ...(first.location ? { location: first.location } : {}),
    });
  }
  return parsed;
}

/**
 * Compiles Sigma-style values (`*`, `?` wildcards, `\` escapes, case-insensitive) into one
 * RE2 test, for analytics that apply the same lists as the rules.
 */
export function compileValueMatcher(patterns: readonly string[]): (value: string) => boolean {
  if (patterns.length === 0) return () => false;
  const alternatives = patterns.map(globToRegexSource);
  const regex = new RE2(`^(?:${alternatives.join('|')})$`, 'i');
  return (value) => regex.test(value);
}

/** Sigma wildcard string → regex source (spec §escaping: `\*`, `\?`, `\\` are literal). */
export function globToRegexSource(pattern: string): string {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    const next = pattern[index + 1];
    if (char === '\\' && (next === '*' || next === '?' || next === '\\')) {
      source += escapeRegex(next);
      index++;
    } else if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += escapeRegex(char);
  }
  return source;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
