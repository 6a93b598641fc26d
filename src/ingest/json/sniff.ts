/**
 * Shared sniffing for JSON formats: the first record of a stream head, parsed once and
 * memoised, so every JSON format's `sniff` can ask "is this record mine?" for free.
 * @module
 */
import { BATCH_KEYS } from './dispatch.js';
import { JsonFramer } from './framer.js';
import { isObject } from './record-format.js';

let lastHead: string | undefined;
let lastRecord: Record<string, unknown> | undefined;

/** Unwraps arrays and batch wrappers down to the first object inside. */
function firstObject(value: unknown, depth = 0): Record<string, unknown> | undefined {
  if (depth > 3) return undefined;
  if (Array.isArray(value)) return firstObject(value[0], depth + 1);
  if (!isObject(value)) return undefined;
  for (const key of BATCH_KEYS) {
    const batch = value[key];
    if (Array.isArray(batch) && Object.keys(value).length <= 4) {
      return firstObject(batch[0], depth + 1) ?? value;
    }
  }
  return value;
}

/**
 * The first JSON object found in `head` (inside arrays and `records`/`value`/`events`
 * batches), or undefined when the head holds no complete JSON record.
 */
export function firstJsonRecord(head: string): Record<string, unknown> | undefined {
  if (head === lastHead) return lastRecord;
  let found: unknown;
  let isFound = false;
  const framer = new JsonFramer('<head>', {
    value: (value) => {
      if (!isFound) {
        found = value;
        isFound = true;
      }
    },
    text: () => true,
    issue: () => {},
  });
  const lines = head.split('\n');
  for (let i = 0; i < lines.length && !isFound; i++) framer.line(lines[i] ?? '', i + 1);
  lastHead = head;
  lastRecord = isFound ? firstObject(found) : undefined;
  return lastRecord;
}

/**
 * The standard `sniff` of a JSON record format: its score for the first record of the head,
 * or, when the head has no complete record (one huge first line), `fallback` if the text
 * matches `pattern`.
 */
export function sniffJsonRecord(
  head: string,
  match: (record: Readonly<Record<string, unknown>>) => number,
  pattern: RegExp,
  fallback = 0.3,
): number {
  const record = firstJsonRecord(head);
  if (record !== undefined) return match(record);
  return pattern.test(head.slice(0, 65536)) ? fallback : 0;
}
