/**
 * The hot loop of `hunt`: reads a byte range of a plain file in large blocks, splits it at
 * line boundaries, lets the prefilter mark the lines that could match, decodes only those to
 * text and hands them, with their line numbers, to the format's line decoder. No streams,
 * no per-line promises; memory is one block plus the longest line (bounded by the limit).
 * @module
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Issue } from '../errors.js';
import type { LineDecoder } from '../ingest/format.js';
import type { Prefilter } from './prefilter.js';

/** Bytes read per block. 4 MiB keeps syscalls rare and the lowered copy in cache-friendly reach. */
export const BLOCK_BYTES = 4 << 20;

export interface RangeScan {
  readonly file: string;
  /** Byte range `[start, end)`; `start` is 0 or just after a LF. */
  readonly start: number;
  readonly end: number;
  readonly prefilter: Prefilter;
  readonly decoder: LineDecoder;
  readonly maxLineBytes: number;
  /** Issue for a line over the limit (1-based line relative to the range). */
  readonly onTooLong: (issue: Issue) => void;
  /** Called after each block with bytes and lines consumed so far in this range. */
  readonly onProgress?: (bytes: number, lines: number) => void;
}

export interface RangeResult {
  /** Lines in the range (the next range's numbering continues from here). */
  readonly lines: number;
  /** Lines decoded (the rest were proven irrelevant by the prefilter). */
  readonly decodedLines: number;
  readonly bytes: number;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** Scans one range; line numbers passed to the decoder start at 1 within the range. */
export function scanRange(scan: RangeScan): RangeResult {
  const fd = openSync(scan.file, 'r');
  try {
    return scanOpenRange(fd, scan);
  } finally {
    closeSync(fd);
  }
}

function scanOpenRange(fd: number, scan: RangeScan): RangeResult {
  const { decoder, prefilter, maxLineBytes } = scan;
  let buffer = Buffer.allocUnsafe(BLOCK_BYTES);
  let filled = 0; // bytes in buffer [0, filled)
  let position = scan.start; // next file offset to read
  let lineNumber = 0;
  let decodedLines = 0;
  let consumed = 0;
  let isFirstBlock = scan.start === 0;
  let skippingLongLine = false; // inside a line over the limit: drop bytes until LF
  let longLineBytes = 0;

  let chunkStart = 0; // buffer offset of the chunk being scanned
  let chunkLine = 0; // lines before it in this range
  const visit = (start: number, end: number, index: number) => {
    const line = chunkLine + index + 1;
    if (end - start > maxLineBytes) {
      scan.onTooLong(tooLong(scan.file, line, end - start, maxLineBytes));
      return;
    }
    decodedLines += 1;
    decoder.line(buffer.toString('utf8', chunkStart + start, chunkStart + end), line);
  };

  for (;;) {
    const want = Math.min(buffer.length - filled, scan.end - position);
    const read = want > 0 ? readSync(fd, buffer, filled, want, position) : 0;
    position += read;
    filled += read;
    const atEnd = read === 0 || position >= scan.end;
    let from = 0;
    if (isFirstBlock && filled >= 3 && UTF8_BOM.every((b, i) => buffer[i] === b)) from = 3;
    isFirstBlock = false;

    if (skippingLongLine) {
      const nl = buffer.indexOf(0x0a, 0);
      if (nl < 0 || nl >= filled) {
        longLineBytes += filled;
        consumed += filled;
        filled = 0;
        if (atEnd) {
          lineNumber += 1;
          scan.onTooLong(tooLong(scan.file, lineNumber, longLineBytes, maxLineBytes));
          break;
        }
        continue;
      }
      lineNumber += 1;
      scan.onTooLong(tooLong(scan.file, lineNumber, longLineBytes + nl, maxLineBytes));
      skippingLongLine = false;
      from = nl + 1;
    }

    // Process complete lines; at the end of the range the last line needs no LF.
    const lastLf = filled > from ? buffer.lastIndexOf(0x0a, filled - 1) : -1;
    const cut = atEnd ? filled : lastLf >= from ? lastLf + 1 : from;
    if (cut > from) {
      chunkStart = from;
      chunkLine = lineNumber;
      const view = from === 0 ? buffer : buffer.subarray(from);
      lineNumber += prefilter.scan(view, cut - from, visit);
    }
    consumed += cut;
    scan.onProgress?.(consumed, lineNumber);
    if (atEnd) break;

    // Keep the partial last line; grow for a long line, or start skipping past the limit.
    const rest = filled - cut;
    if (rest > maxLineBytes) {
      skippingLongLine = true;
      longLineBytes = rest;
      consumed += rest;
      filled = 0;
      continue;
    }
    if (rest === buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxLineBytes + BLOCK_BYTES));
      buffer.copy(grown, 0, cut, filled);
      buffer = grown;
    } else if (rest > 0) {
      buffer.copy(buffer, 0, cut, filled);
    }
    filled = rest;
  }
  decoder.end();
  return { lines: lineNumber, decodedLines, bytes: scan.end - scan.start };
}

function tooLong(file: string, line: number, bytes: number, limit: number): Issue {
  return {
    code: 'CW_INGEST_LINE_TOO_LONG',
    severity: 'error',
    message: `line of ${bytes} bytes is longer than the ${limit}-byte limit; skipped`,
    location: { file, line },
  };
}
