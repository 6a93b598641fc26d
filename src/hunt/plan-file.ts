/**
 * Planning a plain input file for the hunt fast path: its head decides the format (unless
 * forced) and whether every record is one line (which allows the prefilter and splitting);
 * `splitRanges` cuts such a file into line-aligned byte ranges for worker threads.
 * @module
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Issue } from '../errors.js';
import { describeHead, detectFormat, FORMATS, getFormat } from '../ingest/formats.js';
import { HEAD_CHARS } from '../ingest/source-decoder.js';

/** Files smaller than this are never split across workers. */
export const MIN_SPLIT_BYTES = 8 << 20;
export interface FilePlan {
  readonly formatId: string;
  readonly isJsonLines: boolean;
}

/** Reads the head of a plain file as text (BOM removed, only complete lines unless all read). */
export function readHead(path: string): {
  lines: Array<{ text: string; line: number }>;
  isGzip: boolean;
} {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(HEAD_CHARS);
    const read = readSync(fd, buffer, 0, HEAD_CHARS, 0);
    if (read >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) return { lines: [], isGzip: true };
    let text = buffer.toString('utf8', 0, read);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const parts = text.split('\n');
    if (read === HEAD_CHARS && parts.length > 1) parts.pop(); // a partial last line
    return {
      lines: parts.map((part, i) => ({
        text: part.endsWith('\r') ? part.slice(0, -1) : part,
        line: i + 1,
      })),
      isGzip: false,
    };
  } finally {
    closeSync(fd);
  }
}

export function planFile(
  path: string,
  lines: ReadonlyArray<{ text: string; line: number }>,
  inputFormat: string | undefined,
): FilePlan | Issue | undefined {
  const nonBlank = lines.filter((entry) => entry.text.trim() !== '');
  const first = nonBlank[0];
  if (first === undefined) return undefined; // empty: nothing to read, nothing wrong
  const isJsonLines = nonBlank.every(
    (entry) => entry.text.startsWith('{') && entry.text.endsWith('}'),
  );
  if (inputFormat !== undefined) return { formatId: getFormat(inputFormat).id, isJsonLines };
  const headText = lines.map((entry) => entry.text).join('\n');
  const detection = detectFormat(headText, FORMATS);
  if (detection === undefined) {
    return {
      code: 'CW_INGEST_UNKNOWN_FORMAT',
      severity: 'error',
      message: `cannot detect the log format: the input starts with ${describeHead(headText)}; force one with --input-format`,
      location: { file: path, line: first.line },
    };
  }
  return { formatId: detection.format.id, isJsonLines };
}

/** Line-aligned byte ranges: each starts at 0 or just after a LF. */
export function splitRanges(path: string, size: number, parts: number): Array<[number, number]> {
  if (parts <= 1 || size < MIN_SPLIT_BYTES) return [[0, size]];
  const fd = openSync(path, 'r');
  const probe = Buffer.allocUnsafe(64 * 1024);
  const starts = [0];
  try {
    for (let i = 1; i < parts; i++) {
      let position = Math.max(Math.floor((size * i) / parts), starts[starts.length - 1]!); // non-empty
      let boundary = -1;
      while (position < size && boundary < 0) {
        const read = readSync(fd, probe, 0, probe.length, position);
        if (read === 0) break;
        const nl = probe.indexOf(0x0a, 0);
        if (nl >= 0 && nl < read) boundary = position + nl + 1;
        else position += read;
      }
      if (boundary > 0 && boundary < size && boundary > starts[starts.length - 1]!)
        starts.push(boundary);
    }
  } finally {
    closeSync(fd);
  }
  return starts.map((start, i) => [start, starts[i + 1] ?? size]);
}
