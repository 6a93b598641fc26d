/**
 * Placeholder transformations for the `expand` modifier (`%name%`, `\%` for a literal
 * percent): `value_placeholders` replaces a placeholder by the pipeline variable's values
 * (several values are OR-ed), `wildcard_placeholders` by `*`. Once an item has no placeholder
 * left its `expand` modifier is removed; one left unresolved makes the compiler reject the rule.
 * @module
 */
import type { DetectionItem, SigmaValue, StringPart } from '../ast.js';
import { formatSigmaString, parseSigmaString } from '../parse/sigma-string.js';
import type { Params } from './params.js';
import type { VarValue } from './state.js';
import {
  rewriteItems,
  type TransformationBuilder,
  type TransformContext,
} from './transformation.js';

/** A string value split around its placeholders. */
type Segment = { kind: 'parts'; parts: StringPart[] } | { kind: 'placeholder'; name: string };

const PLACEHOLDER = /\\%|%([^%\s]+)%/g;

function segmentsOf(parts: readonly StringPart[]): Segment[] {
  const segments: Segment[] = [];
  const pushParts = (part: StringPart) => {
    const last = segments.at(-1);
    if (last?.kind === 'parts') last.parts.push(part);
    else segments.push({ kind: 'parts', parts: [part] });
  };
  for (const part of parts) {
    if (part.kind === 'wildcard') {
      pushParts(part);
      continue;
    }
    let at = 0;
    for (const match of part.text.matchAll(PLACEHOLDER)) {
      const before = part.text.slice(at, match.index);
      if (before !== '') pushParts({ kind: 'text', text: before });
      if (match[1] === undefined)
        pushParts({ kind: 'text', text: '%' }); // `\%`
      else segments.push({ kind: 'placeholder', name: match[1] });
      at = match.index + match[0].length;
    }
    const rest = part.text.slice(at);
    if (rest !== '') pushParts({ kind: 'text', text: rest });
  }
  return segments;
}

function merge(parts: readonly StringPart[]): StringPart[] {
  const out: StringPart[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (part.kind === 'text' && last?.kind === 'text')
      out[out.length - 1] = { kind: 'text', text: last.text + part.text };
    else out.push(part);
  }
  return out;
}

function toValue(parts: readonly StringPart[]): SigmaValue {
  const merged = merge(parts);
  return { kind: 'string', raw: formatSigmaString(merged), parts: merged };
}

interface Selection {
  readonly include: ReadonlySet<string> | undefined;
  readonly exclude: ReadonlySet<string>;
}

function selection(params: Params): Selection {
  const include = params.strings('include', false);
  const exclude = params.strings('exclude', false) ?? [];
  return { include: include ? new Set(include) : undefined, exclude: new Set(exclude) };
}

function selected(name: string, which: Selection): boolean {
  return (which.include === undefined || which.include.has(name)) && !which.exclude.has(name);
}

type Resolver = (name: string) => readonly (readonly StringPart[])[] | undefined;

/** Expands one value: each selected placeholder by each of its replacements (cross product). */
function expandValue(
  value: SigmaValue,
  which: Selection,
  resolve: Resolver,
  missing: Set<string>,
): { values: SigmaValue[]; unresolved: boolean } {
  if (value.kind !== 'string') return { values: [value], unresolved: false };
  let results: StringPart[][] = [[]];
  let unresolved = false;
  for (const segment of segmentsOf(value.parts)) {
    if (segment.kind === 'parts') {
      for (const result of results) result.push(...segment.parts);
      continue;
    }
    const replacements = selected(segment.name, which) ? resolve(segment.name) : undefined;
    if (replacements === undefined) {
      if (selected(segment.name, which)) missing.add(segment.name);
      unresolved = true;
      // Keep the placeholder as written so the compiler can name it.
      for (const result of results) result.push({ kind: 'text', text: `%${segment.name}%` });
      continue;
    }
    results = results.flatMap((result) => replacements.map((parts) => [...result, ...parts]));
  }
  return { values: results.map(toValue), unresolved };
}

function placeholderTransformation(
  params: Params,
  resolverFor: (context: TransformContext) => Resolver,
): ReturnType<TransformationBuilder> {
  const which = selection(params);
  return {
    apply(rule, context) {
      const resolve = resolverFor(context);
      const missing = new Set<string>();
      const result = rewriteItems(rule, context, (item): readonly DetectionItem[] => {
        if (!item.modifiers.includes('expand')) return [item];
        let unresolved = false;
        const values: SigmaValue[] = [];
        for (const value of item.values) {
          const expanded = expandValue(value, which, resolve, missing);
          unresolved ||= expanded.unresolved;
          values.push(...expanded.values);
        }
        const modifiers = unresolved
          ? item.modifiers
          : item.modifiers.filter((m) => m !== 'expand');
        return [{ ...item, values, modifiers, isList: item.isList || values.length > 1 }];
      });
      if (missing.size > 0) {
        context.issues.push({
          code: 'CW_SIGMA_PIPELINE_UNKNOWN_PLACEHOLDER',
          severity: 'error',
          message: `${context.ruleLabel}: placeholder${missing.size === 1 ? '' : 's'} ${[...missing].map((n) => `%${n}%`).join(', ')} ha${missing.size === 1 ? 's' : 've'} no value in the pipeline "vars"`,
          location: context.location,
        });
        return undefined;
      }
      return result;
    },
  };
}

function varParts(value: VarValue): StringPart[] {
  return [...parseSigmaString(value === null ? '' : String(value))];
}

export const valuePlaceholders: TransformationBuilder = (params) =>
  placeholderTransformation(params, (context) => (name) => {
    const values = context.state.vars.get(name);
    return values?.map(varParts);
  });

export const wildcardPlaceholders: TransformationBuilder = (params) =>
  placeholderTransformation(params, () => () => [[{ kind: 'wildcard', wildcard: '*' }]]);
