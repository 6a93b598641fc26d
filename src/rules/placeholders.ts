/**
 * Resolves `|expand` placeholders of a rule from the allow-list, the way pySigma's
 * `value_placeholders` transformation does: `%name%` becomes the list's values (OR-linked),
 * text around a placeholder is kept on every value, and the `expand` modifier is dropped so
 * the compiler sees plain values. An unknown placeholder is an issue at the item's location.
 * @module
 */
import type { Issue } from '../errors.js';
import type {
  DetectionItem,
  DetectionMap,
  SearchBody,
  SigmaRule,
  SigmaValue,
} from '../sigma/ast.js';
import { parseSigmaString } from '../sigma/parse/sigma-string.js';
import type { Allowlist } from './allowlist.js';

/** `\%` escapes a literal percent sign (Sigma spec, placeholders). */
const PLACEHOLDER = /(?<!\\)%([A-Za-z0-9_.-]+)%/g;

/** The rule with every placeholder resolved, plus the issues for unknown names. */
export function expandPlaceholders(
  rule: SigmaRule,
  allowlist: Allowlist,
): { readonly rule: SigmaRule; readonly issues: readonly Issue[] } {
  const issues: Issue[] = [];
  const expandItem = (item: DetectionItem): DetectionItem => {
    if (!item.modifiers.includes('expand')) return item;
    const values: SigmaValue[] = [];
    for (const value of item.values) {
      if (value.kind !== 'string') {
        values.push(value);
        continue;
      }
      for (const raw of expandRaw(value.raw, allowlist, (name) =>
        issues.push({
          code: 'CW_RULES_PLACEHOLDER',
          severity: 'error',
          message: `placeholder %${name}% on field "${item.field ?? ''}" is not defined by the allow-list (lists: ${[...allowlist.keys()].join(', ')})`,
          location: item.location,
        }),
      )) {
        values.push({ kind: 'string', raw, parts: parseSigmaString(raw) });
      }
    }
    return {
      ...item,
      modifiers: item.modifiers.filter((modifier) => modifier !== 'expand'),
      values,
      isList: true,
    };
  };
  const expandMap = (map: DetectionMap): DetectionMap => ({
    ...map,
    items: map.items.map(expandItem),
  });
  const expandBody = (body: SearchBody): SearchBody => {
    switch (body.kind) {
      case 'map':
        return { kind: 'map', map: expandMap(body.map) };
      case 'maps':
        return { kind: 'maps', maps: body.maps.map(expandMap) };
      case 'keywords':
        return { kind: 'keywords', item: expandItem(body.item) };
      default: {
        const unreachable: never = body;
        return unreachable;
      }
    }
  };
  const searches = rule.detection.searches.map((search) => ({
    ...search,
    body: expandBody(search.body),
  }));
  return { rule: { ...rule, detection: { ...rule.detection, searches } }, issues };
}

/** Every expansion of one raw value (a cross product when it holds several placeholders). */
function expandRaw(raw: string, allowlist: Allowlist, unknown: (name: string) => void): string[] {
  let results = [''];
  let last = 0;
  for (const match of raw.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    const list = allowlist.get(name);
    const before = raw.slice(last, match.index);
    last = match.index + match[0].length;
    if (list === undefined) {
      unknown(name);
      return [];
    }
    results = results.flatMap((prefix) => list.map((value) => prefix + before + value));
  }
  const tail = raw.slice(last);
  return results.map((prefix) => prefix + tail);
}
