/**
 * Line positions inside a JSON text without a full parser: where the root value starts and
 * where each element of the root object's `items` array starts. Linear, allocation-light; used
 * by the JSON fast path (`JSON.parse` gives values but no positions).
 * @module
 */

export interface JsonPositions {
  /** Offset of the root value's first character. */
  readonly root: number;
  /** Offsets of the elements of the root's `items` array (empty when there is none). */
  readonly items: readonly number[];
}

const QUOTE = 34;
const BACKSLASH = 92;

/** Scans a JSON text that `JSON.parse` has already accepted. */
export function jsonPositions(text: string): JsonPositions {
  let root = 0;
  while (root < text.length && isSpace(text.charCodeAt(root))) root++;
  const items: number[] = [];
  let depth = 0;
  let lastKey = '';
  let inItems = false;
  let expectElement = false;
  for (let i = root; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) continue;
    if (expectElement && code !== 93 /* ] */) {
      items.push(i);
      expectElement = false;
    }
    if (code === QUOTE) {
      const start = i + 1;
      i++;
      while (i < text.length && text.charCodeAt(i) !== QUOTE) {
        if (text.charCodeAt(i) === BACKSLASH) i++;
        i++;
      }
      if (depth === 1) lastKey = text.slice(start, i);
      continue;
    }
    switch (code) {
      case 123: // {
      case 91: // [
        depth++;
        if (code === 91 && depth === 2 && lastKey === 'items') {
          inItems = true;
          expectElement = true;
        }
        break;
      case 125: // }
      case 93: // ]
        if (depth === 2 && inItems) inItems = false;
        depth--;
        break;
      case 44: // ,
        if (depth === 2 && inItems) expectElement = true;
        break;
      default:
        break;
    }
  }
  return { root, items };
}

/** Converts increasing offsets to 1-based line numbers in one pass over the text. */
export function linesOf(text: string, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  // The next newline not yet counted (-1: none left); kept across offsets so that each
  // newline is searched for once, also in texts with few or no newlines.
  let nextNewline = text.indexOf('\n');
  for (const offset of offsets) {
    while (nextNewline >= 0 && nextNewline < offset) {
      line++;
      nextNewline = text.indexOf('\n', nextNewline + 1);
    }
    lines.push(line);
  }
  return lines;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}
