/**
 * The condition grammar (rules specification §Condition). Precedence, least to most binding:
 * `or`, `and`, `not`, `x of`, parentheses. Keywords are lowercase. Identifiers are letters,
 * digits, `_` and `-`; patterns add `*`.
 *
 *   expr    := andExpr ('or' andExpr)*
 *   andExpr := unary ('and' unary)*
 *   unary   := 'not' unary | primary
 *   primary := '(' expr ')' | ('1' | 'any' | 'all') 'of' (pattern | 'them') | identifier
 * @module
 */
import type { Issue, Location } from '../../errors.js';
import type { ConditionNode } from '../ast.js';

interface Token {
  readonly text: string;
  /** 0-based offset in the condition text. */
  readonly offset: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them', '(', ')']);

/** Where each character of the condition text sits in the file. */
export type OffsetLocator = (offset: number) => Location;

export type ConditionParse =
  | { readonly ok: true; readonly ast: ConditionNode }
  | { readonly ok: false; readonly issue: Issue };

class ConditionError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s+|\(|\)|[A-Za-z0-9_*\-.]+|\|.*|./gy;
  let match = re.exec(text);
  while (match !== null) {
    const value = match[0];
    if (value.startsWith('|')) {
      throw new ConditionError(
        'the `| count() …` aggregation syntax is obsolete since Sigma 2.0; write a correlation rule instead',
        match.index,
      );
    }
    if (!/^\s+$/.test(value)) {
      if (!/^(\(|\)|[A-Za-z0-9_*\-.]+)$/.test(value)) {
        throw new ConditionError(`unexpected character "${value}"`, match.index);
      }
      tokens.push({ text: value, offset: match.index });
    }
    match = re.exec(text);
  }
  return tokens;
}

/**
 * Parses a condition string. Errors come back as a `CW_SIGMA_CONDITION` issue located at the
 * offending token (via `locate`).
 */
export function parseCondition(text: string, locate: OffsetLocator): ConditionParse {
  try {
    const tokens = tokenize(text);
    if (tokens.length === 0) throw new ConditionError('the condition is empty', 0);
    let position = 0;
    const peek = (): Token | undefined => tokens[position];
    const end = text.length;
    const next = (expected: string): Token => {
      const token = tokens[position];
      if (token === undefined) throw new ConditionError(`expected ${expected} at the end`, end);
      position += 1;
      return token;
    };

    const parseOr = (): ConditionNode => {
      const operands = [parseAnd()];
      while (peek()?.text === 'or') {
        position += 1;
        operands.push(parseAnd());
      }
      return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
    };
    const parseAnd = (): ConditionNode => {
      const operands = [parseUnary()];
      while (peek()?.text === 'and') {
        position += 1;
        operands.push(parseUnary());
      }
      return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
    };
    const parseUnary = (): ConditionNode => {
      if (peek()?.text === 'not') {
        position += 1;
        return { kind: 'not', operand: parseUnary() };
      }
      return parsePrimary();
    };
    const parsePrimary = (): ConditionNode => {
      const token = next('a search identifier, `not`, `(` or `1 of`');
      if (token.text === '(') {
        const inner = parseOr();
        const close = next('`)`');
        if (close.text !== ')') {
          throw new ConditionError(`expected \`)\` but found "${close.text}"`, close.offset);
        }
        return inner;
      }
      if (token.text === '1' || token.text === 'any' || token.text === 'all') {
        const of = peek();
        if (of?.text === 'of') {
          position += 1;
          const target = next('a search identifier pattern or `them` after `of`');
          if (target.text === 'them') {
            return {
              kind: 'of',
              quantifier: token.text === 'all' ? 'all' : 'any',
              target: { kind: 'them' },
              location: locate(token.offset),
            };
          }
          if (KEYWORDS.has(target.text) || !/^[A-Za-z0-9_*\-.]+$/.test(target.text)) {
            throw new ConditionError(
              `expected a search identifier pattern or \`them\` after \`of\`, found "${target.text}"`,
              target.offset,
            );
          }
          return {
            kind: 'of',
            quantifier: token.text === 'all' ? 'all' : 'any',
            target: { kind: 'pattern', pattern: target.text },
            location: locate(token.offset),
          };
        }
      }
      if (KEYWORDS.has(token.text)) {
        throw new ConditionError(
          `expected a search identifier, \`not\`, \`(\` or \`1 of\`, found "${token.text}"`,
          token.offset,
        );
      }
      if (token.text.includes('*')) {
        throw new ConditionError(
          `a wildcard pattern "${token.text}" needs a quantifier: \`1 of ${token.text}\` or \`all of ${token.text}\``,
          token.offset,
        );
      }
      return { kind: 'ref', name: token.text, location: locate(token.offset) };
    };

    const ast = parseOr();
    const rest = peek();
    if (rest !== undefined) {
      throw new ConditionError(
        `unexpected "${rest.text}"; expected \`and\`, \`or\` or the end of the condition`,
        rest.offset,
      );
    }
    return { ok: true, ast };
  } catch (error) {
    if (!(error instanceof ConditionError)) throw error;
    return {
      ok: false,
      issue: {
        code: 'CW_SIGMA_CONDITION',
        severity: 'error',
        message: `condition "${text}": ${error.message}`,
        location: locate(error.offset),
      },
    };
  }
}

/** Converts a `*` pattern into a predicate over search identifier names. */
export function patternMatcher(pattern: string): (name: string) => boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return (name) => name === pattern;
  return (name) => {
    const first = parts[0]!;
    const last = parts[parts.length - 1]!;
    if (!name.startsWith(first)) return false;
    if (name.length < first.length + last.length || !name.endsWith(last)) return false;
    let at = first.length;
    const stop = name.length - last.length;
    for (let i = 1; i < parts.length - 1; i++) {
      const found = name.indexOf(parts[i]!, at);
      if (found < 0 || found + parts[i]!.length > stop) return false;
      at = found + parts[i]!.length;
    }
    return true;
  };
}

/**
 * Names of the searches an `x of` targets. `them` excludes names starting with `_`; a pattern
 * matches `_` names only when it starts with `_` itself (pySigma convention).
 */
export function resolveOfTarget(
  target: Extract<ConditionNode, { kind: 'of' }>['target'],
  names: readonly string[],
): string[] {
  if (target.kind === 'them') return names.filter((name) => !name.startsWith('_'));
  const matches = patternMatcher(target.pattern);
  const allowUnderscore = target.pattern.startsWith('_');
  return names.filter((name) => matches(name) && (allowUnderscore || !name.startsWith('_')));
}
