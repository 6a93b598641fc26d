/**
 * The line decoder shared by every JSON record format: the framer finds values, this module
 * routes each object to the format that claims it. With fallbacks (auto-detection) a stream
 * that mixes envelopes decodes record by record; forced (`--format`), only that format is
 * tried and anything else is an issue naming the record.
 * @module
 */
import type { DecodeSink, LineDecoder } from '../format.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, JsonFramer } from './framer.js';
import { isObject, type JsonRecordFormat, type RecordAt } from './record-format.js';

/** Batch wrappers unwrapped generically: Event Hub `records`, Azure REST `value`, CloudWatch `events`. */
export const BATCH_KEYS = ['records', 'value', 'events'] as const;

export interface JsonDecoderOptions {
  /** Formats tried, in order, when the primary does not claim a record (mixed streams). */
  readonly fallbacks?: readonly JsonRecordFormat[];
  readonly maxDocumentBytes?: number;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a JSON array';
  if (value === null) return 'JSON null';
  if (!isObject(value)) return `a JSON ${typeof value}`;
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an empty JSON object';
  const shown = keys.slice(0, 8).join(', ');
  return `a JSON object with keys ${shown}${keys.length > 8 ? ', …' : ''}`;
}

/** Routes parsed values to formats. Exported for the sync API (`decodeValue`). */
export class RecordRouter {
  constructor(
    private readonly primary: JsonRecordFormat,
    private readonly sink: DecodeSink,
    private readonly fallbacks: readonly JsonRecordFormat[] = [],
  ) {}

  /** Picks the format for one object: the primary when it claims it, else the best fallback. */
  choose(value: Readonly<Record<string, unknown>>): JsonRecordFormat | undefined {
    if (this.primary.matchRecord(value) > 0) return this.primary;
    let best: JsonRecordFormat | undefined;
    let bestScore = 0;
    for (const format of this.fallbacks) {
      if (format === this.primary) continue;
      const score = format.matchRecord(value);
      if (score > bestScore) {
        best = format;
        bestScore = score;
      }
    }
    return best;
  }

  value(value: unknown, at: RecordAt): void {
    if (isObject(value)) {
      const format = this.choose(value);
      if (format !== undefined) {
        format.decodeRecord(value, at, this.sink);
        return;
      }
      for (const key of BATCH_KEYS) {
        const batch = value[key];
        if (Array.isArray(batch)) {
          for (let i = 0; i < batch.length; i++) {
            this.value(batch[i], { file: at.file, line: at.line, index: at.batchIndex ?? i });
          }
          return;
        }
      }
    }
    const expected =
      this.fallbacks.length > 0 ? 'a record of a known format' : `a ${this.primary.id} record`;
    this.sink.issue({
      code: 'CW_INGEST_UNRECOGNISED_RECORD',
      severity: 'error',
      message: `expected ${expected}, found ${describeValue(value)}`,
      location:
        at.index === undefined
          ? { file: at.file, line: at.line }
          : { file: at.file, line: at.line, index: at.index },
    });
  }

  text(text: string, at: RecordAt): boolean {
    if (this.primary.decodeTextLine?.(text, at, this.sink) === true) return true;
    for (const format of this.fallbacks) {
      if (format !== this.primary && format.decodeTextLine?.(text, at, this.sink) === true) {
        return true;
      }
    }
    return false;
  }
}

/** Opens a line decoder for a JSON record format. */
export function openJsonRecordDecoder(
  primary: JsonRecordFormat,
  file: string,
  sink: DecodeSink,
  options: JsonDecoderOptions = {},
): JsonFramer & LineDecoder {
  const router = new RecordRouter(primary, sink, options.fallbacks);
  const framer = new JsonFramer(
    file,
    {
      value: (value, at) => router.value(value, at),
      text: (text, at) => router.text(text, at),
      issue: (issue) => sink.issue(issue),
    },
    options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
  );
  return framer;
}
