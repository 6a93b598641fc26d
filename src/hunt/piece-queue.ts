/**
 * The work queue of a multi-threaded `hunt` over one file: the file is cut into more
 * line-aligned pieces than threads, and every thread (the calling one included) claims the
 * next unclaimed piece with one atomic add on a shared counter. A thread that starts late
 * (a worker pays module loading and rule compilation first) simply claims fewer pieces, so
 * no thread waits for another's start-up. Outcomes are merged in piece order, so findings
 * and line numbers do not depend on which thread ran which piece.
 * @module
 */
import type { RangeTask } from './hunt-range.js';

/** What every thread needs: the common range settings, the pieces and the shared counter. */
export interface PieceTask {
  readonly range: Omit<RangeTask, 'start' | 'end'>;
  readonly pieces: ReadonlyArray<readonly [number, number]>;
  /** An `Int32Array` over this buffer holds the index of the next unclaimed piece. */
  readonly claim: SharedArrayBuffer;
}

/** Pieces per thread: enough to balance a late start, few enough to keep merges cheap. */
export const PIECES_PER_THREAD = 8;
/** Smallest piece worth a claim (per-piece cost: a range set-up and one message). */
export const MIN_PIECE_BYTES = 16 << 20;

/** How many pieces to cut a file of `size` bytes into for `threads` threads (≥ threads). */
export function pieceCount(size: number, threads: number): number {
  return Math.max(
    threads,
    Math.min(threads * PIECES_PER_THREAD, Math.floor(size / MIN_PIECE_BYTES)),
  );
}

export function newClaim(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

/** The index of the next piece to run, or -1 once all are claimed. */
export function claimPiece(task: PieceTask): number {
  const index = Atomics.add(new Int32Array(task.claim), 0, 1);
  return index < task.pieces.length ? index : -1;
}
