/**
 * Entry of a `hunt` worker thread: claims pieces of a file from the shared queue (see
 * `piece-queue.ts`), hunts each with its own detector and posts each piece's outcome. The
 * detector is loaded before the first claim, so a piece never waits for a compile; a worker
 * that finds the queue empty is stopped by the calling thread once every piece has arrived.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadDetector } from './detector.js';
import { huntRange } from './hunt-range.js';
import { claimPiece, type PieceTask } from './piece-queue.js';

/** Messages a hunt worker posts. */
export type WorkerMessage =
  | {
      readonly kind: 'progress';
      readonly index: number;
      readonly bytes: number;
      readonly lines: number;
    }
  | {
      readonly kind: 'piece';
      readonly index: number;
      readonly outcome: ReturnType<typeof huntRange>;
    }
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly message: string; readonly code?: string };

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

if (parentPort !== null) {
  const task = workerData as PieceTask;
  try {
    const detector = loadDetector(task.range.detector);
    for (let index = claimPiece(task); index >= 0; index = claimPiece(task)) {
      const [start, end] = task.pieces[index]!; // claimPiece returns a valid index
      const outcome = huntRange({ ...task.range, start, end }, detector, (bytes, lines) =>
        post({ kind: 'progress', index, bytes, lines }),
      );
      post({ kind: 'piece', index, outcome });
    }
    post({ kind: 'done' });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    post({
      kind: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    });
  }
}
