/**
 * Splits a YAML stream into its documents before parsing, so that one huge or broken document
 * is measured and reported alone and the others are still read.
 * @module
 */

/** One document's text and the 1-based line of the stream where its text starts. */
export interface DocumentChunk {
  readonly text: string;
  readonly startLine: number;
}

// YAML 1.2 §9.1: a line starting with `---` (followed by a space or the end of the line) begins
// a document and `...` ends one; neither may occur at column 0 inside content, so a line scan
// splits exactly where the parser would.
const DOCUMENT_START = /^---(?:[ \t]|$)/;
const DOCUMENT_END = /^\.\.\.(?:[ \t]|$)/;

export function splitDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let chunkStart = 0;
  let chunkLine = 1;
  let line = 1;
  let position = 0;
  while (position <= text.length) {
    const newline = text.indexOf('\n', position);
    const end = newline < 0 ? text.length : newline;
    // Only lines that start with '-' or '.' can be markers: check cheaply first.
    const first = text.charCodeAt(position);
    if (first === 45 /* - */ || first === 46 /* . */) {
      const lineText = text.slice(position, Math.min(end, position + 4));
      if (DOCUMENT_START.test(lineText) && position > chunkStart) {
        chunks.push({ text: text.slice(chunkStart, position), startLine: chunkLine });
        chunkStart = position;
        chunkLine = line;
      } else if (DOCUMENT_END.test(lineText)) {
        chunks.push({ text: text.slice(chunkStart, position), startLine: chunkLine });
        chunkStart = end + 1;
        chunkLine = line + 1;
      }
    }
    if (newline < 0) break;
    position = newline + 1;
    line++;
  }
  if (chunkStart < text.length) chunks.push({ text: text.slice(chunkStart), startLine: chunkLine });
  return chunks;
}
