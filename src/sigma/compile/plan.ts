/**
 * Lowering a detection item into a plan: the modifier chain is applied left to right to the
 * item's values (modifiers appendix: "The value modifiers are applied in the given order"),
 * giving needles (typed things to look for) and the linking flags. The plan is the single
 * semantic model shared by the fast compiler, the reference evaluator and the event generator.
 * @module
 */
import type { Issue, Location } from '../../errors.js';
import type { DetectionItem, ModifierName, SigmaValue, StringPart } from '../ast.js';
import { type CidrNetwork, parseCidr } from '../modifiers/cidr.js';
import {
  base64,
  base64Offsets,
  latin1,
  utf8Bytes,
  utf16,
  utf16be,
  utf16le,
} from '../modifiers/encoding.js';
import { TIME_PARTS, type TimePart } from '../modifiers/time-part.js';
import { windashCount, windashVariants } from '../modifiers/windash.js';
import { plainText } from '../parse/sigma-string.js';

export type CompareOp = 'lt' | 'lte' | 'gt' | 'gte';

/** Something to look for in one event value. */
export type Needle =
  /** Whole-value match of text and wildcards (`*`, `?`); case-insensitive unless `cased`. */
  | { readonly kind: 'pattern'; readonly parts: readonly StringPart[]; readonly cased: boolean }
  /** RE2 regex, substring semantics (the v2.2 draft: use `^…$` to anchor). */
  | { readonly kind: 'regex'; readonly source: string; readonly flags: string }
  | { readonly kind: 'number'; readonly value: number; readonly raw: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly value: number }
  | { readonly kind: 'cidr'; readonly network: CidrNetwork }
  | {
      readonly kind: 'timepart';
      readonly part: TimePart;
      readonly inner: Extract<Needle, { kind: 'number' } | { kind: 'compare' }>;
    };

/** What one detection item asks of an event. */
export type ItemPlan =
  | {
      readonly kind: 'values';
      /** `null`: keyword search over every string value of the event. */
      readonly field: string | null;
      readonly needles: readonly Needle[];
      /** AND instead of OR over the needles (`all`). */
      readonly all: boolean;
      /** `neq`: the field is present and matches none of the needles. */
      readonly negate: boolean;
    }
  | { readonly kind: 'exists'; readonly field: string; readonly expected: boolean }
  | {
      readonly kind: 'fieldref';
      readonly field: string;
      readonly refs: readonly string[];
      readonly mode: 'equals' | 'startswith' | 'endswith' | 'contains';
      readonly cased: boolean;
      readonly all: boolean;
      readonly negate: boolean;
    };

/** Limits for value expansion (windash and encodings multiply values). */
export interface PlanLimits {
  readonly maxNeedles: number;
  readonly maxRegexLength: number;
}

export const DEFAULT_PLAN_LIMITS: PlanLimits = { maxNeedles: 50_000, maxRegexLength: 8192 };

/** A value while modifiers are being applied. */
type Working =
  | { readonly t: 'str'; readonly parts: readonly StringPart[] }
  | { readonly t: 'bytes'; readonly bytes: Uint8Array }
  | { readonly t: 're'; readonly source: string }
  | { readonly t: 'num'; readonly value: number; readonly raw: string }
  | { readonly t: 'bool'; readonly value: boolean }
  | { readonly t: 'null' }
  | { readonly t: 'cidr'; readonly network: CidrNetwork };

const STRING_POSITION = new Set<ModifierName>(['contains', 'startswith', 'endswith']);
const RE_FLAGS: Partial<Record<ModifierName, string>> = {
  i: 'i',
  ignorecase: 'i',
  m: 'm',
  multiline: 'm',
  s: 's',
  dotall: 's',
};
const COMPARE = new Set<ModifierName>(['lt', 'lte', 'gt', 'gte']);
const ENCODINGS = new Set<ModifierName>([
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
]);

export type PlanResult =
  | { readonly ok: true; readonly plan: ItemPlan }
  | { readonly ok: false; readonly issues: readonly Issue[] };

class PlanError extends Error {
  constructor(
    readonly code: Issue['code'],
    message: string,
  ) {
    super(message);
  }
}

function describeField(item: DetectionItem): string {
  const key = [item.field ?? '', ...item.modifiers].join('|');
  return item.field === null && item.modifiers.length === 0 ? 'keyword' : `"${key}"`;
}

function toWorking(value: SigmaValue): Working {
  switch (value.kind) {
    case 'string':
      return { t: 'str', parts: value.parts };
    case 'number':
      return { t: 'num', value: value.value, raw: value.raw };
    case 'boolean':
      return { t: 'bool', value: value.value };
    case 'null':
      return { t: 'null' };
    default: {
      const never: never = value;
      return never;
    }
  }
}

function asParts(working: Working, modifier: ModifierName): readonly StringPart[] {
  if (working.t === 'str') return working.parts;
  if (working.t === 'bytes') return [{ kind: 'text', text: latin1(working.bytes) }];
  if (working.t === 'num') return [{ kind: 'text', text: working.raw }];
  if (working.t === 'bool') return [{ kind: 'text', text: String(working.value) }];
  throw new PlanError(
    'CW_SIGMA_MODIFIER',
    `\`${modifier}\` cannot apply to a ${describeWorking(working)}`,
  );
}

function describeWorking(working: Working): string {
  switch (working.t) {
    case 're':
      return 'regular expression (`re` must come last, followed only by its flags i, m, s)';
    case 'null':
      return 'null value';
    case 'cidr':
      return 'CIDR network';
    case 'bytes':
      return 'byte string';
    case 'num':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'str':
      return 'string';
    default: {
      const never: never = working;
      return never;
    }
  }
}

function plainOf(working: Working, modifier: ModifierName): string {
  const parts = asParts(working, modifier);
  const text = plainText(parts);
  if (text === undefined) {
    throw new PlanError('CW_SIGMA_VALUE', `\`${modifier}\` needs a value without wildcards`);
  }
  return text;
}

function bytesOf(working: Working, modifier: ModifierName): Uint8Array {
  return working.t === 'bytes' ? working.bytes : utf8Bytes(plainOf(working, modifier));
}

function wrap(parts: readonly StringPart[], before: boolean, after: boolean): StringPart[] {
  const out = [...parts];
  const star = { kind: 'wildcard', wildcard: '*' } as const;
  const first = out[0];
  const last = out[out.length - 1];
  if (before && !(first?.kind === 'wildcard' && first.wildcard === '*')) out.unshift(star);
  if (after && !(last?.kind === 'wildcard' && last.wildcard === '*')) out.push(star);
  return out;
}

function numberOf(working: Working, modifier: ModifierName): number {
  if (working.t === 'num') return working.value;
  if (working.t === 'str') {
    const text = plainText(working.parts);
    if (text !== undefined && text.trim() !== '' && Number.isFinite(Number(text)))
      return Number(text);
  }
  throw new PlanError(
    'CW_SIGMA_VALUE',
    `\`${modifier}\` needs a number, found a ${describeWorking(working)}`,
  );
}

/**
 * Applies the item's modifier chain and returns its plan, or the issues (located at the item)
 * explaining why the combination or a value is invalid.
 */
export function planItem(
  item: DetectionItem,
  ruleLabel: string,
  limits: PlanLimits = DEFAULT_PLAN_LIMITS,
): PlanResult {
  const fail = (code: Issue['code'], message: string): PlanResult => ({
    ok: false,
    issues: [
      {
        code,
        severity: 'error',
        message: `${ruleLabel}: ${describeField(item)}: ${message}`,
        location: item.location as Location,
      },
    ],
  });
  try {
    return { ok: true, plan: buildPlan(item, limits) };
  } catch (error) {
    if (error instanceof PlanError) return fail(error.code, error.message);
    throw error;
  }
}

function buildPlan(item: DetectionItem, limits: PlanLimits): ItemPlan {
  const modifiers = item.modifiers;
  const has = (name: ModifierName) => modifiers.includes(name);
  if (has('expand')) {
    const placeholders = new Set<string>();
    for (const value of item.values) {
      if (value.kind === 'string')
        for (const match of value.raw.matchAll(/%[^%\s]+%/g)) placeholders.add(match[0]);
    }
    throw new PlanError(
      'CW_SIGMA_PLACEHOLDER',
      `unresolved placeholder${placeholders.size === 1 ? '' : 's'} ${[...placeholders].join(', ') || '(none found in the values)'}: \`expand\` needs a processing pipeline that resolves placeholders before the rule is compiled`,
    );
  }
  if (has('exists')) {
    if (modifiers.length > 1) {
      throw new PlanError('CW_SIGMA_MODIFIER', '`exists` cannot be combined with other modifiers');
    }
    if (item.field === null) throw new PlanError('CW_SIGMA_MODIFIER', '`exists` needs a field');
    const only = item.values[0];
    if (item.values.length !== 1 || only?.kind !== 'boolean') {
      throw new PlanError(
        'CW_SIGMA_VALUE',
        '`exists` needs a single boolean value (true or false)',
      );
    }
    return { kind: 'exists', field: item.field, expected: only.value };
  }
  const all = has('all');
  if (all && item.values.length < 2) {
    throw new PlanError(
      'CW_SIGMA_MODIFIER',
      '`all` needs a list of at least two values (the specification does not allow it on a single value)',
    );
  }
  if (has('fieldref')) return planFieldref(item, all);

  let values: Working[] = item.values.map(toWorking);
  let cased = false;
  let negate = false;
  let timePart: TimePart | undefined;
  let compare: 'lt' | 'lte' | 'gt' | 'gte' | undefined;
  let regexFlags = '';
  let positioned = false;
  for (const modifier of modifiers) {
    if (STRING_POSITION.has(modifier)) {
      positioned = true;
      const before = modifier !== 'startswith';
      const after = modifier !== 'endswith';
      values = values.map((value) => {
        if (value.t === 'null') return value;
        if (value.t === 're') {
          throw new PlanError(
            'CW_SIGMA_MODIFIER',
            `\`${modifier}\` cannot follow \`re\` (a regex already matches a substring)`,
          );
        }
        return { t: 'str', parts: wrap(asParts(value, modifier), before, after) };
      });
    } else if (modifier === 'all') {
      // linking flag, handled above
    } else if (modifier === 'cased') {
      cased = true;
    } else if (modifier === 'neq') {
      negate = true;
    } else if (modifier === 'windash') {
      const next: Working[] = [];
      for (const value of values) {
        if (value.t !== 'str') {
          next.push(value);
          continue;
        }
        let count = 1;
        for (const part of value.parts) if (part.kind === 'text') count *= windashCount(part.text);
        if (count * values.length > limits.maxNeedles) {
          throw new PlanError(
            'CW_SIGMA_LIMIT',
            `\`windash\` would create more than ${limits.maxNeedles} values`,
          );
        }
        let variants: StringPart[][] = [[]];
        for (const part of value.parts) {
          if (part.kind === 'wildcard') variants = variants.map((prefix) => [...prefix, part]);
          else {
            const texts = windashVariants(part.text);
            variants = variants.flatMap((prefix) =>
              texts.map((text) => [...prefix, { kind: 'text', text } as const]),
            );
          }
        }
        for (const parts of variants) next.push({ t: 'str', parts });
      }
      values = next;
    } else if (modifier === 're') {
      if (values.some((value) => value.t === 're')) {
        throw new PlanError('CW_SIGMA_MODIFIER', '`re` appears twice');
      }
      if (modifiers[0] !== 're') {
        throw new PlanError(
          'CW_SIGMA_MODIFIER',
          '`re` must be the first modifier (its value is the pattern as written)',
        );
      }
      values = item.values.map((value): Working => {
        if (value.kind !== 'string') {
          throw new PlanError(
            'CW_SIGMA_VALUE',
            `\`re\` needs a string pattern, found a ${value.kind}`,
          );
        }
        // The regex is the text as written: wildcard escaping does not apply to patterns.
        if (value.raw.length > limits.maxRegexLength) {
          throw new PlanError(
            'CW_SIGMA_REGEX',
            `regex is ${value.raw.length} characters long, over the limit of ${limits.maxRegexLength}`,
          );
        }
        return { t: 're', source: value.raw };
      });
    } else if (RE_FLAGS[modifier] !== undefined) {
      if (!values.every((value) => value.t === 're')) {
        throw new PlanError(
          'CW_SIGMA_MODIFIER',
          `\`${modifier}\` is a flag of \`re\` and must follow it`,
        );
      }
      const flag = RE_FLAGS[modifier]!;
      if (!regexFlags.includes(flag)) regexFlags += flag;
    } else if (ENCODINGS.has(modifier)) {
      values = values.flatMap((value): Working[] => {
        if (modifier === 'base64')
          return [{ t: 'str', parts: [{ kind: 'text', text: base64(bytesOf(value, modifier)) }] }];
        if (modifier === 'base64offset') {
          return base64Offsets(bytesOf(value, modifier)).map((text) => ({
            t: 'str',
            parts: [{ kind: 'text', text }],
          }));
        }
        const text = value.t === 'bytes' ? latin1(value.bytes) : plainOf(value, modifier);
        const encode = modifier === 'utf16be' ? utf16be : modifier === 'utf16' ? utf16 : utf16le;
        return [{ t: 'bytes', bytes: encode(text) }];
      });
    } else if (COMPARE.has(modifier)) {
      if (compare !== undefined)
        throw new PlanError('CW_SIGMA_MODIFIER', 'only one of lt, lte, gt, gte may be used');
      compare = modifier as CompareOp;
      values = values.map((value) => ({
        t: 'num',
        value: numberOf(value, modifier),
        raw: String(numberOf(value, modifier)),
      }));
    } else if ((TIME_PARTS as readonly string[]).includes(modifier)) {
      if (timePart !== undefined)
        throw new PlanError('CW_SIGMA_MODIFIER', 'only one time-part modifier may be used');
      timePart = modifier as TimePart;
      values = values.map((value) => ({
        t: 'num',
        value: numberOf(value, modifier),
        raw: String(numberOf(value, modifier)),
      }));
    } else if (modifier === 'cidr') {
      values = values.map((value) => {
        const text = value.t === 'str' ? plainText(value.parts) : undefined;
        const network = text === undefined ? undefined : parseCidr(text.trim());
        if (!network) {
          throw new PlanError(
            'CW_SIGMA_VALUE',
            `\`cidr\` needs an IPv4 or IPv6 network like 10.0.0.0/8 or fe80::/10, found "${value.t === 'str' ? (plainText(value.parts) ?? 'a wildcard pattern') : describeWorking(value)}"`,
          );
        }
        return { t: 'cidr', network };
      });
    } else if (modifier === 'exists' || modifier === 'expand' || modifier === 'fieldref') {
      // handled before the loop
    } else {
      throw new PlanError(
        'CW_SIGMA_UNKNOWN_MODIFIER',
        `modifier \`${modifier}\` is not implemented`,
      );
    }
  }
  if (values.length > limits.maxNeedles) {
    throw new PlanError(
      'CW_SIGMA_LIMIT',
      `the modifiers create ${values.length} values, over the limit of ${limits.maxNeedles}`,
    );
  }
  if (regexFlags !== '' && !values.every((value) => value.t === 're')) {
    throw new PlanError('CW_SIGMA_MODIFIER', 'regex flags need `re`');
  }
  if (
    timePart === undefined &&
    compare !== undefined &&
    values.some((value) => value.t !== 'num')
  ) {
    throw new PlanError('CW_SIGMA_VALUE', 'comparison modifiers need numbers');
  }

  const keyword = item.field === null;
  const needles = values.map((value): Needle => {
    switch (value.t) {
      case 'str': {
        // Keywords match anywhere in a value unless the rule positions them itself.
        const parts = keyword && !positioned ? wrap(value.parts, true, true) : value.parts;
        return { kind: 'pattern', parts, cased };
      }
      case 'bytes': {
        const text = latin1(value.bytes);
        return {
          kind: 'pattern',
          parts: keyword ? wrap([{ kind: 'text', text }], true, true) : [{ kind: 'text', text }],
          cased,
        };
      }
      case 're':
        return { kind: 'regex', source: value.source, flags: regexFlags };
      case 'num': {
        const inner: Extract<Needle, { kind: 'number' } | { kind: 'compare' }> =
          compare === undefined
            ? { kind: 'number', value: value.value, raw: value.raw }
            : { kind: 'compare', op: compare, value: value.value };
        if (timePart !== undefined) return { kind: 'timepart', part: timePart, inner };
        if (keyword && inner.kind === 'number') {
          return {
            kind: 'pattern',
            parts: wrap([{ kind: 'text', text: value.raw }], true, true),
            cased,
          };
        }
        return inner;
      }
      case 'bool':
        return { kind: 'boolean', value: value.value };
      case 'null':
        if (negate)
          throw new PlanError(
            'CW_SIGMA_VALUE',
            '`neq` cannot compare with null; use `not` on a `field: null` search',
          );
        return { kind: 'null' };
      case 'cidr':
        return { kind: 'cidr', network: value.network };
      default: {
        const never: never = value;
        return never;
      }
    }
  });
  if (keyword && needles.some((needle) => needle.kind === 'null')) {
    throw new PlanError('CW_SIGMA_VALUE', 'a keyword cannot be null');
  }
  return { kind: 'values', field: item.field, needles, all, negate };
}

function planFieldref(item: DetectionItem, all: boolean): ItemPlan {
  if (item.field === null) throw new PlanError('CW_SIGMA_MODIFIER', '`fieldref` needs a field');
  const allowed = new Set<ModifierName>([
    'fieldref',
    'all',
    'cased',
    'neq',
    'contains',
    'startswith',
    'endswith',
  ]);
  const bad = item.modifiers.find((modifier) => !allowed.has(modifier));
  if (bad !== undefined) {
    throw new PlanError('CW_SIGMA_MODIFIER', `\`fieldref\` cannot be combined with \`${bad}\``);
  }
  const refs: string[] = [];
  for (const value of item.values) {
    if (value.kind !== 'string' || plainText(value.parts) === undefined) {
      throw new PlanError('CW_SIGMA_VALUE', '`fieldref` needs field names without wildcards');
    }
    refs.push(plainText(value.parts)!);
  }
  const mode = item.modifiers.includes('contains')
    ? 'contains'
    : item.modifiers.includes('startswith')
      ? 'startswith'
      : item.modifiers.includes('endswith')
        ? 'endswith'
        : 'equals';
  return {
    kind: 'fieldref',
    field: item.field,
    refs,
    mode,
    cased: item.modifiers.includes('cased'),
    all,
    negate: item.modifiers.includes('neq'),
  };
}
