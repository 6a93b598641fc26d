/**
 * Whole-value wildcard matching for Sigma patterns (`*` any run, `?` one character) in
 * O(text × pattern) worst case, with no regex engine and no backtracking blow-up.
 * @module
 */
import type { StringPart } from '../ast.js';

const ONE = -1;
const ANY = -2;

/** A pattern compiled to code units, with -1 for `?` and -2 for `*`. */
export type GlobProgram = Int32Array;

/** Compiles parts (already lowercased when matching case-insensitively). */
export function compileGlob(parts: readonly StringPart[]): GlobProgram {
  const codes: number[] = [];
  for (const part of parts) {
    if (part.kind === 'wildcard') {
      if (part.wildcard === '?') codes.push(ONE);
      else if (codes[codes.length - 1] !== ANY) codes.push(ANY);
    } else {
      for (let i = 0; i < part.text.length; i++) codes.push(part.text.charCodeAt(i));
    }
  }
  return Int32Array.from(codes);
}

/** Matches a text against a compiled pattern (whole value). */
export function globMatch(program: GlobProgram, text: string): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  const pLength = program.length;
  const tLength = text.length;
  while (t < tLength) {
    const code = p < pLength ? program[p]! : 0;
    if (p < pLength && code === ANY) {
      starP = p++;
      starT = t;
    } else if (p < pLength && (code === ONE || code === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pLength && program[p] === ANY) p++;
  return p === pLength;
}
