/**
 * The `hunt` worker threads: started as soon as a run knows a file is big enough to split
 * (before the rules are read, so module loading overlaps the calling thread's parsing),
 * given the parsed rules once (`init`), then one task per file. Each task's pieces come
 * from a shared queue the calling thread also claims from; outcomes are reported per piece
 * index, so the merge does not depend on which thread ran what.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { CronwardenError } from '../errors.js';
import type { PreparedRules } from './detector.js';
import type { RangeOutcome } from './hunt-range.js';
import type { PieceTask } from './piece-queue.js';
import type { WorkerMessage, WorkerRequest } from './worker.js';

function workerUrl(): URL {
  // Under tsx (dev and tests) the sources are .ts; the build ships .js beside this file.
  return new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
}

function spawn(): Worker {
  const url = workerUrl();
  // Under tsx (dev, tests) module hooks are not inherited by threads: the worker registers
  // the loader itself before importing the TypeScript entry.
  return url.pathname.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`,
        { eval: true },
      )
    : new Worker(url);
}

/** Callbacks of one task; `fail` is called at most once, on the first worker failure. */
interface TaskHandlers {
  readonly id: number;
  piece(index: number, outcome: RangeOutcome): void;
  progress(index: number, bytes: number, lines: number): void;
  fail(error: Error): void;
}

export interface WorkerPool {
  readonly size: number;
  /** Hands the parsed rules to every worker (once, before the first task). */
  init(prepared: PreparedRules): void;
  /**
   * Posts one file's pieces to every worker. Returns a promise that rejects on the first
   * worker failure while the task is current (it never resolves: the caller decides when
   * every piece has arrived, and calls `finish`).
   */
  run(
    task: PieceTask,
    onPiece: (index: number, outcome: RangeOutcome) => void,
    onProgress: (index: number, bytes: number, lines: number) => void,
  ): Promise<never>;
  /** Ends the current task: later messages about it are ignored. */
  finish(): void;
  /** Stops every worker. */
  close(): void;
}

/** Starts `count` worker threads. */
export function startPool(count: number): WorkerPool {
  const workers = Array.from({ length: count }, spawn);
  let current: TaskHandlers | undefined;
  let failure: Error | undefined;
  let nextId = 1;
  let closed = false;
  const fail = (error: Error) => {
    if (closed) return;
    failure ??= error;
    current?.fail(error);
  };
  for (const worker of workers) {
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'failed') {
        fail(new CronwardenError('CW_INTERNAL', `hunt worker failed: ${message.message}`));
        return;
      }
      if (current === undefined || message.id !== current.id) return; // a finished task
      if (message.kind === 'piece') current.piece(message.index, message.outcome);
      else if (message.kind === 'progress')
        current.progress(message.index, message.bytes, message.lines);
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => {
      if (!closed) fail(new CronwardenError('CW_INTERNAL', `hunt worker exited with code ${code}`));
    });
  }
  const post = (request: WorkerRequest) => {
    for (const worker of workers) worker.postMessage(request);
  };
  return {
    size: count,
    init: (prepared) => post({ kind: 'init', prepared }),
    run(task, onPiece, onProgress) {
      const id = nextId++;
      return new Promise<never>((_resolve, reject) => {
        if (failure !== undefined) {
          reject(failure);
          return;
        }
        current = { id, piece: onPiece, progress: onProgress, fail: reject };
        post({ kind: 'task', id, task });
      });
    },
    finish() {
      current = undefined;
    },
    close() {
      closed = true;
      current = undefined;
      for (const worker of workers) void worker.terminate();
    },
  };
}
