/**
 * Worker-thread entry of `hunt --workers N`: builds its own detector from the task's options,
 * scans its byte range and posts progress and the outcome back. Never prints.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadDetector } from './detector.js';
import { huntRange, type RangeTask } from './hunt-range.js';

/** Messages a hunt worker posts. */
export type WorkerMessage =
  | { readonly kind: 'progress'; readonly bytes: number; readonly lines: number }
  | { readonly kind: 'done'; readonly outcome: ReturnType<typeof huntRange> }
  | { readonly kind: 'failed'; readonly message: string; readonly code?: string };

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

if (parentPort !== null) {
  const task = workerData as RangeTask;
  try {
    const detector = loadDetector(task.detector);
    const outcome = huntRange(task, detector, (bytes, lines) =>
      post({ kind: 'progress', bytes, lines }),
    );
    post({ kind: 'done', outcome });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    post({
      kind: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    });
  }
}
