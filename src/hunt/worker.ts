/**
 * Entry of a `hunt` worker thread. It starts before the calling thread has read the rules:
 * while it loads its modules, the calling thread parses the rules once and posts them
 * (`init`, plain data), so the worker only compiles. Then, per `task` (one file's pieces,
 * see `piece-queue.ts`), it claims pieces until the queue is empty, posts each piece's
 * outcome, and posts `idle`.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { buildDetector, type Detector, type PreparedRules } from './detector.js';
import { huntRange, type RangeOutcome } from './hunt-range.js';
import { claimPiece, type PieceTask } from './piece-queue.js';

/** Messages the calling thread posts to a worker. */
export type WorkerRequest =
  | { readonly kind: 'init'; readonly prepared: PreparedRules }
  | { readonly kind: 'task'; readonly id: number; readonly task: PieceTask };

/** Messages a hunt worker posts. */
export type WorkerMessage =
  | {
      readonly kind: 'progress';
      readonly id: number;
      readonly index: number;
      readonly bytes: number;
      readonly lines: number;
    }
  | {
      readonly kind: 'piece';
      readonly id: number;
      readonly index: number;
      readonly outcome: RangeOutcome;
    }
  | { readonly kind: 'idle'; readonly id: number }
  | { readonly kind: 'failed'; readonly message: string; readonly code?: string };

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function runTask(detector: Detector, id: number, task: PieceTask): void {
  for (let index = claimPiece(task); index >= 0; index = claimPiece(task)) {
    const [start, end] = task.pieces[index]!; // claimPiece returns a valid index
    const outcome = huntRange({ ...task.range, start, end }, detector, (bytes, lines) =>
      post({ kind: 'progress', id, index, bytes, lines }),
    );
    post({ kind: 'piece', id, index, outcome });
  }
  post({ kind: 'idle', id });
}

if (parentPort !== null) {
  let detector: Detector | undefined;
  parentPort.on('message', (request: WorkerRequest) => {
    try {
      if (request.kind === 'init') detector = buildDetector(request.prepared);
      else if (detector === undefined) throw new Error('hunt worker got a task before init');
      else runTask(detector, request.id, request.task);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      post({
        kind: 'failed',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        ...(typeof code === 'string' ? { code } : {}),
      });
    }
  });
}
