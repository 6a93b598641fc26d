/**
 * `windash` (modifiers appendix §String): every dash-like character (`-`, `/`, en dash, em
 * dash, horizontal bar) may be written as any of the others; the value expands to all
 * permutations.
 * @module
 */
export const WINDASH_CHARACTERS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;
const DASHES = new Set<string>(WINDASH_CHARACTERS);

/** Number of variants `windash` produces for a text (5 ^ dash count). */
export function windashCount(text: string): number {
  let count = 0;
  for (const char of text) if (DASHES.has(char)) count += 1;
  return 5 ** count;
}

/** All variants of a text with each dash replaced by each dash-like character. */
export function windashVariants(text: string): string[] {
  let variants = [''];
  for (const char of text) {
    if (DASHES.has(char)) {
      const next: string[] = [];
      for (const prefix of variants)
        for (const dash of WINDASH_CHARACTERS) next.push(prefix + dash);
      variants = next;
    } else {
      variants = variants.map((prefix) => prefix + char);
    }
  }
  return variants;
}
