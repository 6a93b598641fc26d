import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  claimPiece,
  MIN_PIECE_BYTES,
  newClaim,
  PIECES_PER_THREAD,
  pieceCount,
} from './piece-queue.js';

test('pieceCount: at least one piece per thread, more for big files, capped per thread', () => {
  assert.equal(pieceCount(1000, 3), 3);
  assert.equal(pieceCount(MIN_PIECE_BYTES * 5, 2), 5);
  assert.equal(pieceCount(MIN_PIECE_BYTES * 1000, 2), 2 * PIECES_PER_THREAD);
});

test('claimPiece hands out every index once, in order, then -1', () => {
  const task = {
    range: {} as never,
    pieces: [
      [0, 10],
      [10, 20],
      [20, 30],
    ] as const,
    claim: newClaim(),
  };
  assert.deepEqual(
    [claimPiece(task), claimPiece(task), claimPiece(task), claimPiece(task), claimPiece(task)],
    [0, 1, 2, -1, -1],
  );
});
