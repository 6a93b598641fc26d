/**
 * The text helpers PSA uses to build reasons and details, so ours match byte for byte:
 * `joinQuote`, `pluralize`, the two together, sorted string sets and Go's `%q` quoting.
 * @module
 */

/** `"a", "b"` (empty string for no items). */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"` or `containers "a", "b"`: the noun for the count, then the quoted items. */
export function countedQuote(singular: string, plural: string, items: readonly string[]): string {
  return `${pluralize(singular, plural, items.length)} ${joinQuote(items)}`;
}

/** Distinct values in code-unit order, like Go's `sets.String.List()` for ASCII input. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

const GO_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};
const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

/** Go's `strconv.Quote` (the `%q` verb): printable runes as is, others escaped. */
export function goQuote(text: string): string {
  let out = '"';
  for (const rune of text) {
    const escaped = GO_ESCAPES[rune];
    if (escaped !== undefined) {
      out += escaped;
      continue;
    }
    if (rune === ' ' || !NON_PRINTABLE.test(rune)) {
      out += rune;
      continue;
    }
    const code = rune.codePointAt(0) ?? 0;
    if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
