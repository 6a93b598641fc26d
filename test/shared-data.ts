/**
 * Locates the third-party data and docs that sit beside the repository (`../shared`).
 * Override with CRONWARDEN_SHARED. Tests that need it skip with a visible message when absent.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_DIR = process.env.CRONWARDEN_SHARED ?? resolve(REPO_ROOT, '..', 'shared');

/** Absolute path of a file under `../shared` (e.g. `sharedPath('data/real/index.tsv')`). */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

/**
 * `undefined` when the shared data is present, else a skip message for `test(name, { skip })`,
 * so the skip is visible in the test summary.
 */
export function skipUnlessShared(...parts: string[]): string | undefined {
  const path = sharedPath(...parts);
  return existsSync(path) ? undefined : `shared data not found at ${path} (set CRONWARDEN_SHARED)`;
}
