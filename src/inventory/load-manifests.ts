/**
 * Reads manifests from files and folders (recursively: `*.yaml`, `*.yml`, `*.json`).
 * @module
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CronwardenError, type Issue } from '../errors.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './limits.js';
import { parseManifest } from './manifest.js';
import type { Inventory, K8sObject } from './object.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

/**
 * Loads every manifest under the given paths. A path given explicitly is read whatever its
 * extension; inside folders only manifest extensions are read.
 * @throws CronwardenError `CW_IO` when a given path does not exist or cannot be read.
 */
export async function loadManifests(
  paths: readonly string[],
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
  onFile?: (file: string, bytes: number) => void,
): Promise<Inventory> {
  const objects: K8sObject[] = [];
  const issues: Issue[] = [];
  for (const path of paths) {
    for (const file of await listManifestFiles(path)) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        issues.push({
          code: 'CW_IO',
          severity: 'error',
          message: `cannot read: ${(error as Error).message}`,
          location: { file },
        });
        continue;
      }
      onFile?.(file, Buffer.byteLength(text, 'utf8'));
      const inventory = parseManifest(text, file, limits);
      objects.push(...inventory.objects);
      issues.push(...inventory.issues);
    }
  }
  return { objects, issues };
}

/** The manifest files of a path (itself, or the files under it, sorted for stable output). */
export async function listManifestFiles(path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw new CronwardenError('CW_IO', `cannot read ${path}: ${(error as Error).message}`, {
      location: { file: path },
      cause: error,
    });
  }
  if (!info.isDirectory()) return [path];
  const files: string[] = [];
  const walk = async (directory: string): Promise<void> => {
    const entries = await readdir(directory, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(full);
      } else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) {
        files.push(full);
      }
    }
  };
  await walk(path);
  return files;
}
