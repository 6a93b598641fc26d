/** Locates the repository's own test fixtures (`test/fixtures/<source>/…`). */
import { join } from 'node:path';
import { REPO_ROOT } from './shared-data.js';

export function fixturePath(...parts: string[]): string {
  return join(REPO_ROOT, 'test', 'fixtures', ...parts);
}
