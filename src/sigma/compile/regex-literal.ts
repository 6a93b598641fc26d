/**
 * A literal that every match of a regex must contain, for the candidate index and as a cheap
 * pre-test before the RE2 call. Conservative by construction: only text at the top level of
 * the pattern (outside every group and class), in a pattern without a top-level `|`, made of
 * ASCII characters not made optional or repeated by a quantifier. Anything the scanner does
 * not understand ends the current run of literal text; a construct it cannot skip safely
 * (`\Q…\E`, an unbalanced bracket) gives no literal at all.
 * @module
 */

const QUANTIFIER_START = new Set(['?', '*', '+', '{']);
/** Metacharacters that stand for themselves when escaped. */
const ESCAPABLE = /^[\\.^$|?*+()[\]{}/\-#&~"'`!%,:;<=>@_ ]$/;

/** One-letter escapes that stand for a class, an assertion or a control character. */
const SIMPLE_ESCAPES = new Set([...'dDsSwWbBAzntrfva']);

/** Length of a non-literal escape at `start`, or undefined for one the scanner does not know. */
function escapeLength(source: string, start: number): number | undefined {
  const letter = source[start + 1]!;
  if (SIMPLE_ESCAPES.has(letter)) return 2;
  const rest = source.slice(start + 2);
  if (letter === 'x') {
    const hex = /^(\{[0-9a-fA-F]+\}|[0-9a-fA-F]{2})/.exec(rest);
    return hex === null ? undefined : 2 + hex[0].length;
  }
  if (letter === 'p' || letter === 'P') {
    const name = /^(\{\^?[A-Za-z_]+\}|[A-Za-z])/.exec(rest);
    return name === null ? undefined : 2 + name[0].length;
  }
  return undefined;
}

/** Skips a character class starting at `start` (`[`); returns the index after its `]`. */
function skipClass(source: string, start: number): number | undefined {
  let i = start + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++; // a leading `]` is literal
  while (i < source.length) {
    const char = source[i];
    if (char === '\\') i += 2;
    else if (char === '[' && source[i + 1] === ':') {
      const end = source.indexOf(':]', i + 2);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (char === ']') return i + 1;
    else i++;
  }
  return undefined;
}

/** Skips a group starting at `start` (`(`); returns the index after its `)`. */
function skipGroup(source: string, start: number): number | undefined {
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const char = source[i];
    if (char === '\\') i += 2;
    else if (char === '[') {
      const end = skipClass(source, i);
      if (end === undefined) return undefined;
      i = end;
    } else {
      if (char === '(') depth++;
      else if (char === ')') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
  }
  return undefined;
}

/**
 * The longest lowercased literal every match of `source` contains, or undefined. `minLength`
 * drops shorter literals (a one-letter literal filters nothing).
 */
export function requiredRegexLiteral(
  source: string,
  flags: string,
  minLength = 1,
): string | undefined {
  if (source.includes('\\Q')) return undefined;
  // Case-insensitive RE2 folds `s` with U+017F (ſ), which toLowerCase keeps apart: under `i`
  // an `s` cannot be part of a literal compared after lowercasing. (`k` with the Kelvin sign
  // is safe: that one lowercases to `k`.)
  const insensitive = flags.includes('i') || /\(\?[a-zA-Z]*i/.test(source);
  const runs: string[] = [];
  let run = '';
  const end = () => {
    if (run !== '') runs.push(run);
    run = '';
  };
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    let literal: string | undefined;
    let next = i + 1;
    if (char === '\\') {
      const escaped = source[i + 1];
      if (escaped === undefined) return undefined;
      next = i + 2;
      if (ESCAPABLE.test(escaped)) literal = escaped;
      else {
        // `\d`, `\x41`, `\p{L}`, `\b`…: not literal text; skip the whole escape, end the run.
        const length = escapeLength(source, i);
        if (length === undefined) return undefined;
        end();
        i += length;
        continue;
      }
    } else if (char === '|') {
      return undefined; // top-level alternation: no single required literal
    } else if (char === '[') {
      const after = skipClass(source, i);
      if (after === undefined) return undefined;
      end();
      i = after;
      continue;
    } else if (char === '(') {
      const after = skipGroup(source, i);
      if (after === undefined) return undefined;
      end();
      i = after;
      continue;
    } else if (char === ')') {
      return undefined; // unbalanced
    } else if (char === '{') {
      const repetition = /^\{\d+(,\d*)?\}/.exec(source.slice(i));
      if (repetition === null) return undefined; // a literal `{`: rare, not worth the risk
      end();
      i += repetition[0].length;
      continue;
    } else if (char === '.' || char === '^' || char === '$' || QUANTIFIER_START.has(char)) {
      end();
      i = next;
      continue;
    } else {
      literal = char;
    }
    const code = literal.charCodeAt(0);
    if (code > 0x7e || code < 0x20 || (insensitive && (literal === 's' || literal === 'S'))) {
      end();
      i = next;
      continue;
    }
    // A quantified character may be absent or repeated: it ends the run and is not part of it.
    if (QUANTIFIER_START.has(source[next] ?? '')) {
      end();
      i = next;
      continue;
    }
    run += literal;
    i = next;
  }
  end();
  let best: string | undefined;
  for (const candidate of runs)
    if (best === undefined || candidate.length > best.length) best = candidate;
  return best !== undefined && best.length >= minLength ? best.toLowerCase() : undefined;
}

/** Zero-width escapes (assertions). */
const ASSERTION_ESCAPES = new Set([...'bBAz']);

/**
 * A lower bound on the length, in UTF-16 code units, of any text the regex matches somewhere
 * in: a text shorter than this cannot match, without asking RE2. Conservative: groups count
 * as zero, a top-level `|` or anything unknown gives 0. Each top-level atom (a character, an
 * escape, `.`, a class) matches one code point, which is at least one code unit, times the
 * minimum of its quantifier.
 */
export function regexMinLength(source: string): number {
  let total = 0;
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    let atom = 1;
    let next = i + 1;
    if (char === '\\') {
      const escaped = source[i + 1];
      if (escaped === undefined) return 0;
      if (ESCAPABLE.test(escaped)) next = i + 2;
      else {
        const length = escapeLength(source, i);
        if (length === undefined) return 0;
        if (ASSERTION_ESCAPES.has(escaped)) atom = 0;
        next = i + length;
      }
    } else if (char === '|' || char === ')') {
      return 0;
    } else if (char === '[') {
      const after = skipClass(source, i);
      if (after === undefined) return 0;
      next = after;
    } else if (char === '(') {
      const after = skipGroup(source, i);
      if (after === undefined) return 0;
      atom = 0;
      next = after;
    } else if (char === '^' || char === '$') {
      atom = 0;
    } else if (QUANTIFIER_START.has(char)) {
      return 0; // a quantifier without an atom: not understood
    }
    // The atom's quantifier, if any.
    const quantifier = source[next];
    if (quantifier === '?' || quantifier === '*') {
      atom = 0;
      next += 1;
    } else if (quantifier === '+') {
      next += 1;
    } else if (quantifier === '{') {
      const repetition = /^\{(\d+)(,\d*)?\}/.exec(source.slice(next));
      if (repetition === null) return 0;
      atom *= Number(repetition[1]);
      next += repetition[0].length;
    }
    if (
      next < source.length &&
      source[next] === '?' &&
      quantifier !== undefined &&
      QUANTIFIER_START.has(quantifier)
    )
      next += 1; // lazy
    total += atom;
    i = next;
  }
  return total;
}
