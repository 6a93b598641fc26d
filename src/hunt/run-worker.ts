/**
 * Runs one hunt range in a worker thread and resolves with its outcome.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { CronwardenError } from '../errors.js';
import type { RangeOutcome, RangeTask } from './hunt-range.js';
import type { WorkerMessage } from './worker.js';

function workerUrl(): URL {
  // Under tsx (dev and tests) the sources are .ts; the build ships .js beside this file.
  return new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
}

export function runInWorker(
  task: RangeTask,
  onProgress: (bytes: number, lines: number) => void,
): Promise<RangeOutcome> {
  return new Promise((resolve, reject) => {
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
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') onProgress(message.bytes, message.lines);
      else if (message.kind === 'done') {
        settled = true;
        resolve(message.outcome);
      } else {
        settled = true;
        reject(new CronwardenError('CW_INTERNAL', `hunt worker failed: ${message.message}`));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled)
        reject(new CronwardenError('CW_INTERNAL', `hunt worker exited with code ${code}`));
    });
  });
}
