/**
 * Finds and reads rule files: every `.yml`/`.yaml` under the given files or folders, in a
 * stable (sorted) order.
 * @module
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CronwardenError } from '../../errors.js';
import type { RuleFileSource } from './lint.js';

function isRuleFile(name: string): boolean {
  return name.endsWith('.yml') || name.endsWith('.yaml');
}

async function collect(path: string, out: string[]): Promise<void> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const names = (await readdir(path)).sort();
    for (const name of names) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const child = join(path, name);
      const childInfo = await stat(child);
      if (childInfo.isDirectory()) await collect(child, out);
      else if (isRuleFile(name)) out.push(child);
    }
  } else {
    out.push(path);
  }
}

/**
 * Reads the rule files under `paths`. A path that does not exist or cannot be read throws a
 * `CronwardenError` with code `CW_IO`.
 */
export async function loadRuleSources(paths: readonly string[]): Promise<RuleFileSource[]> {
  const files: string[] = [];
  for (const path of paths) {
    try {
      await collect(path, files);
    } catch (error) {
      throw new CronwardenError(
        'CW_IO',
        `cannot read rules from ${path}: ${(error as Error).message}`,
        {
          location: { file: path },
          cause: error,
        },
      );
    }
  }
  const sources: RuleFileSource[] = [];
  for (const file of files) {
    try {
      sources.push({ file, text: await readFile(file, 'utf8') });
    } catch (error) {
      throw new CronwardenError('CW_IO', `cannot read ${file}: ${(error as Error).message}`, {
        location: { file },
        cause: error,
      });
    }
  }
  return sources;
}
