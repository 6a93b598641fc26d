/**
 * Opens one input as a stream of decompressed chunks. Gzip is recognised by its magic bytes
 * (`1f 8b`), not by the file name, so `audit.log.gz`, a gzip without extension and stdin all
 * work; multi-member gzip (concatenated, as Firehose and logrotate write) is read through.
 * @module
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Where the input comes from: a file path or standard input (`-`). */
export type InputSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'stream'; readonly name: string; readonly stream: Readable };

/** Display name of a source in locations and stats. */
export function sourceName(source: InputSource): string {
  return source.kind === 'file' ? source.path : source.name;
}

export interface OpenedInput {
  readonly isGzip: boolean;
  readonly chunks: AsyncIterable<Buffer>;
}

const READ_CHUNK = 256 * 1024;

function toBuffer(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
}

/**
 * Reads the raw bytes of a source, calling `onBytes` with each raw (compressed) chunk size
 * (for progress), and returns the decompressed chunks.
 */
export async function openInput(
  source: InputSource,
  onBytes: (bytes: number) => void,
): Promise<OpenedInput> {
  const raw =
    source.kind === 'file'
      ? createReadStream(source.path, { highWaterMark: READ_CHUNK })
      : source.stream;
  const iterator = raw[Symbol.asyncIterator]() as AsyncIterator<unknown>;
  // Peek until we have two bytes (or the stream ends) to look for the gzip magic.
  const head: Buffer[] = [];
  let headBytes = 0;
  let isDone = false;
  while (headBytes < 2) {
    const next = await iterator.next();
    if (next.done === true) {
      isDone = true;
      break;
    }
    const chunk = toBuffer(next.value);
    onBytes(chunk.length);
    head.push(chunk);
    headBytes += chunk.length;
  }
  async function* rawChunks(): AsyncGenerator<Buffer> {
    try {
      yield* head;
      if (isDone) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) return;
        const chunk = toBuffer(next.value);
        onBytes(chunk.length);
        yield chunk;
      }
    } finally {
      // A consumer that stops early (--max-errors) must not leave the file open.
      if (!isDone) await iterator.return?.();
    }
  }
  const first = head[0];
  const second = first !== undefined && first.length > 1 ? first[1] : head[1]?.[0];
  const isGzip = first?.[0] === 0x1f && second === 0x8b;
  if (!isGzip) return { isGzip, chunks: rawChunks() };
  const gunzip = createGunzip({ chunkSize: READ_CHUNK });
  const input = Readable.from(rawChunks(), { objectMode: false });
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  return { isGzip, chunks: gunzip as AsyncIterable<Buffer> };
}
