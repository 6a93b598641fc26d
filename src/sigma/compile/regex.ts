/**
 * The one gate for regexes from rules: RE2 only (linear time, no ReDoS), a length limit, and
 * rejections reported as compile issues naming the pattern.
 * @module
 */
import RE2 from 're2';

export type RegexResult =
  | { readonly ok: true; readonly regex: RE2 }
  | { readonly ok: false; readonly reason: string };

/**
 * Compiles a Sigma `re` value with its flags (`i`, `m`, `s`). Patterns RE2 cannot run
 * (look-around, back-references, possessive quantifiers) come back with the reason.
 */
export function compileRegex(source: string, flags: string): RegexResult {
  try {
    return { ok: true, regex: new RE2(source, `${flags}u`) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const hint = /\(\?[=!<]/.test(source)
      ? ' (look-around is not supported by RE2)'
      : /\\[1-9]/.test(source)
        ? ' (back-references are not supported by RE2)'
        : '';
    return { ok: false, reason: `${reason}${hint}` };
  }
}
