/**
 * Length regexes without RE2: a pattern that is only "any character, at least n times"
 * (`.{1000,}`, `(.){200,}`, `.{150}`) asks whether the text has a line of n characters. RE2
 * runs a counted repetition as a program with n states, which costs tens of milliseconds on a
 * long command line; one pass over the text answers the same question. Exact: `.` is one code
 * point (a surrogate pair counts once, as RE2 sees the UTF-8 text) other than `\n`, or any
 * code point under the `s` flag; an upper bound does not matter to an unanchored search.
 * @module
 */

/** `.`, `(.)` or `(?:.)` repeated `{n}`, `{n,}` or `{n,m}`, with nothing else in the pattern. */
const RUN = /^(?:\.|\(\.\)|\(\?:\.\))\{(\d+)(?:,(\d*))?\}$/;

/**
 * A JavaScript test equivalent to `new RE2(source, flags).test(text)` when `source` is a
 * plain length pattern, else undefined (the caller keeps RE2).
 */
export function regexRunTest(
  source: string,
  flags: string,
): ((text: string) => boolean) | undefined {
  const match = RUN.exec(source);
  if (match === null) return undefined;
  const min = Number(match[1]);
  const max =
    match[2] === undefined ? min : match[2] === '' ? Number.POSITIVE_INFINITY : Number(match[2]);
  if (!Number.isSafeInteger(min) || max < min) return undefined;
  if (min === 0) return () => true;
  const dotAll = flags.includes('s');
  return (text) => {
    const length = text.length;
    if (length < min) return false;
    let run = 0;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x0a && !dotAll) {
        run = 0;
        continue;
      }
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
      run++;
      if (run >= min) return true;
    }
    return false;
  };
}
