/**
 * mulberry32: a tiny seeded PRNG (public-domain algorithm), so generated data (samples,
 * benchmark inputs, fuzz cases) is the same on every run. One copy for tests, benches and
 * scripts.
 * @module
 */

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
