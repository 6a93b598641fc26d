/**
 * `--out FILE`: write a whole report so that readers see either the old file or the new one,
 * never half of it (temp file in the same directory, fsync, rename).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CronwardenError } from '../errors.js';

/**
 * Writes `data` to `path` atomically. The temp file is removed when anything fails.
 * @throws CronwardenError `CW_REPORT_WRITE` with the target as location.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new CronwardenError('CW_REPORT_WRITE', `cannot write the report: ${reason}`, {
      location: { file: path },
      cause: error,
    });
  }
}
