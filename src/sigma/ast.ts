/**
 * The Sigma rule AST: the rule as written, immutable, with the source location of the rule,
 * of each search identifier and of each detection item. Parsing (`parseSigmaText`) builds it;
 * processing pipelines rewrite it (returning new objects); `compileRule` turns it into a
 * matcher. Values keep their type (string, number, boolean, null); strings are already split
 * into text and wildcards following the specification's escaping rules.
 * @module
 */
import type { Issue, Location } from '../errors.js';
import type { YamlMap } from './parse/yaml-tree.js';

/** A source position: file with 1-based line and column (from the YAML node range). */
export type SourceLocation = Location;

/** One piece of a Sigma string: plain text or an (unescaped) wildcard. */
export type StringPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'wildcard'; readonly wildcard: '*' | '?' };

/** A typed value of a detection item. */
export type SigmaValue =
  | {
      readonly kind: 'string';
      /** The value exactly as written in YAML (escapes not yet interpreted). */
      readonly raw: string;
      /** Text and wildcards after the specification's backslash escaping. */
      readonly parts: readonly StringPart[];
    }
  | {
      readonly kind: 'number';
      readonly value: number;
      /** Source text of the YAML scalar (`0x10`, `4688`), for string comparisons. */
      readonly raw: string;
    }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' };

/** Every modifier the specification (v2.1, modifiers appendix) defines, plus pySigma's long re flag names. */
export const MODIFIER_NAMES = [
  'contains',
  'startswith',
  'endswith',
  'all',
  'exists',
  'cased',
  'neq',
  'windash',
  're',
  'i',
  'm',
  's',
  'ignorecase',
  'multiline',
  'dotall',
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
  'lt',
  'lte',
  'gt',
  'gte',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
  'cidr',
  'expand',
  'fieldref',
] as const;

export type ModifierName = (typeof MODIFIER_NAMES)[number];

/**
 * One detection item: `field|mod1|mod2: values` in a map, or a keyword (field `null`).
 * Values of one item are OR-linked unless the `all` modifier is present.
 */
export interface DetectionItem {
  /** Field name as written (dotted names walk nested objects); `null` for keywords. */
  readonly field: string | null;
  readonly modifiers: readonly ModifierName[];
  readonly values: readonly SigmaValue[];
  /** `true` when the YAML value was a list (even with one element). */
  readonly isList: boolean;
  readonly location: SourceLocation;
}

/** A map of detection items: all items must match (AND). */
export interface DetectionMap {
  readonly items: readonly DetectionItem[];
  readonly location: SourceLocation;
}

/**
 * A search identifier's body:
 * - `map`: a map of items, AND-linked;
 * - `maps`: a list of maps, OR-linked;
 * - `keywords`: a list (or one) of field-less values, OR-linked, matched as substrings.
 */
export type SearchBody =
  | { readonly kind: 'map'; readonly map: DetectionMap }
  | { readonly kind: 'maps'; readonly maps: readonly DetectionMap[] }
  | { readonly kind: 'keywords'; readonly item: DetectionItem };

/** A named search (`selection`, `filter_main`, …). */
export interface Search {
  readonly name: string;
  readonly body: SearchBody;
  readonly location: SourceLocation;
}

/** The condition AST. Precedence (least to most binding): or, and, not, x of, parentheses. */
export type ConditionNode =
  | { readonly kind: 'or'; readonly operands: readonly ConditionNode[] }
  | { readonly kind: 'and'; readonly operands: readonly ConditionNode[] }
  | { readonly kind: 'not'; readonly operand: ConditionNode }
  | { readonly kind: 'ref'; readonly name: string; readonly location: SourceLocation }
  | {
      readonly kind: 'of';
      /** `1 of` and `any of` are `any`. */
      readonly quantifier: 'any' | 'all';
      /** A `*` pattern, or `them` (every search not starting with `_`). */
      readonly target:
        | { readonly kind: 'them' }
        | { readonly kind: 'pattern'; readonly pattern: string };
      readonly location: SourceLocation;
    };

/** One condition of the rule's `condition` (a rule may have a list; they are OR-linked). */
export interface Condition {
  readonly text: string;
  readonly ast: ConditionNode;
  readonly location: SourceLocation;
}

export interface Detection {
  /** Searches in source order. */
  readonly searches: readonly Search[];
  readonly conditions: readonly Condition[];
  readonly location: SourceLocation;
}

/** A rule's logsource (the routing key) plus the optional definition and custom keys. */
export interface RuleLogsource {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
  readonly definition?: string;
  /** Other logsource keys, kept as written. */
  readonly custom: Readonly<Record<string, unknown>>;
}

export const RULE_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export const RULE_STATUSES = [
  'stable',
  'test',
  'experimental',
  'deprecated',
  'unsupported',
] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export interface RelatedRule {
  readonly id: string;
  readonly type: string;
}

/** A Sigma detection rule. */
export interface SigmaRule {
  readonly title: string;
  readonly id?: string;
  readonly name?: string;
  readonly status?: RuleStatus;
  readonly level?: RuleLevel;
  readonly description?: string;
  readonly license?: string;
  readonly author?: string;
  readonly date?: string;
  readonly modified?: string;
  readonly taxonomy?: string;
  readonly tags: readonly string[];
  readonly references: readonly string[];
  readonly falsepositives: readonly string[];
  readonly fields: readonly string[];
  readonly scope: readonly string[];
  readonly related: readonly RelatedRule[];
  readonly logsource: RuleLogsource;
  readonly detection: Detection;
  /** Attributes the specification does not define, kept as plain values. */
  readonly custom: Readonly<Record<string, unknown>>;
  /** Where the rule's document starts. */
  readonly location: SourceLocation;
}

/**
 * A parsed document of a rule file. Correlation and filter documents are handed over as the
 * plain object plus locations; their own parsers (`src/sigma/correlation`, `src/sigma/filter`)
 * take it from there.
 */
export type SigmaDocument =
  | { readonly kind: 'rule'; readonly rule: SigmaRule }
  | ({ readonly kind: 'correlation' } & RawSigmaDocument)
  | ({ readonly kind: 'filter' } & RawSigmaDocument);

/** A document the rule parser did not interpret: plain value, located tree and identity. */
export interface RawSigmaDocument {
  readonly id?: string;
  readonly name?: string;
  readonly title?: string;
  /** The document as plain JSON-like data (after collection merging). */
  readonly data: Readonly<Record<string, unknown>>;
  /** The same document as a located YAML tree, for precise error locations. */
  readonly tree: YamlMap;
  readonly location: SourceLocation;
}

/** The result of parsing a rule file. Issues never stop the other documents. */
export interface ParseResult {
  readonly documents: readonly SigmaDocument[];
  readonly issues: readonly Issue[];
}
