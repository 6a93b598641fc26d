/**
 * Sigma string escaping (rules specification §Escape Character, pySigma `SigmaString`):
 * `*` and `?` are wildcards; a backslash escapes `*`, `?` and `\`; a backslash before any
 * other character, or at the end, is a plain backslash.
 * @module
 */
import type { SigmaValue, StringPart } from '../ast.js';

/** Splits a raw Sigma string into text and wildcard parts. */
export function parseSigmaString(raw: string): readonly StringPart[] {
  const parts: StringPart[] = [];
  let text = '';
  let escaped = false;
  const flush = () => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  for (const char of raw) {
    if (escaped) {
      // `\*`, `\?`, `\\` are literal; `\x` for any other x keeps the backslash.
      text += char === '*' || char === '?' || char === '\\' ? char : `\\${char}`;
      escaped = false;
    } else if (char === '\\') {
      escaped = true;
    } else if (char === '*' || char === '?') {
      flush();
      parts.push({ kind: 'wildcard', wildcard: char });
    } else {
      text += char;
    }
  }
  if (escaped) text += '\\';
  flush();
  return parts;
}

/** Builds a string value from raw text. */
export function stringValue(raw: string): SigmaValue {
  return { kind: 'string', raw, parts: parseSigmaString(raw) };
}

/** Plain text of a string value, or undefined when it has wildcards. */
export function plainText(parts: readonly StringPart[]): string | undefined {
  let text = '';
  for (const part of parts) {
    if (part.kind === 'wildcard') return undefined;
    text += part.text;
  }
  return text;
}

/** Writes parts back as an escaped Sigma string (inverse of parseSigmaString). */
export function formatSigmaString(parts: readonly StringPart[]): string {
  let out = '';
  for (const part of parts) {
    out += part.kind === 'wildcard' ? part.wildcard : part.text.replace(/[*?\\]/g, '\\$&');
  }
  return out;
}
