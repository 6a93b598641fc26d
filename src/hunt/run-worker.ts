/**
 * Starts one `hunt` worker thread on a piece queue and reports each piece it runs.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { CronwardenError } from '../errors.js';
import type { RangeOutcome } from './hunt-range.js';
import type { PieceTask } from './piece-queue.js';
import type { WorkerMessage } from './worker.js';

function workerUrl(): URL {
  // Under tsx (dev and tests) the sources are .ts; the build ships .js beside this file.
  return new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
}

/** A running worker: `done` settles when it has posted every piece it took (or failed). */
export interface RunningWorker {
  readonly done: Promise<void>;
  /** Stops the worker (once every piece's outcome has arrived, it holds no work). */
  terminate(): void;
}

/** Runs a worker until the queue is empty. */
export function runInWorker(
  task: PieceTask,
  onPiece: (index: number, outcome: RangeOutcome) => void,
  onProgress: (index: number, bytes: number, lines: number) => void,
): RunningWorker {
  let stop = () => {};
  let stopped = false;
  const done = new Promise<void>((resolve, reject) => {
    const url = workerUrl();
    // Under tsx (dev, tests) module hooks are not inherited by threads: the worker registers
    // the loader itself before importing the TypeScript entry.
    const worker = url.pathname.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`,
          { eval: true, workerData: task },
        )
      : new Worker(url, { workerData: task });
    let settled = false;
    stop = () => {
      stopped = true;
      if (!settled) {
        settled = true;
        resolve();
      }
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') onProgress(message.index, message.bytes, message.lines);
      else if (message.kind === 'piece') onPiece(message.index, message.outcome);
      else if (message.kind === 'done') {
        settled = true;
        resolve();
      } else {
        settled = true;
        reject(new CronwardenError('CW_INTERNAL', `hunt worker failed: ${message.message}`));
      }
    });
    worker.on('error', (error) => {
      if (stopped) return;
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled)
        reject(new CronwardenError('CW_INTERNAL', `hunt worker exited with code ${code}`));
    });
  });
  return {
    done,
    terminate: () => stop(),
  };
}
