/**
 * `cronwarden expire PATH`: removes expired grant RoleBindings from manifest files, keeping
 * every other document (and its comments) as written. A file left with no document is
 * deleted (the usual case: one file per `grant --out`).
 * @module
 */
import { readFile, rm } from 'node:fs/promises';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Issue } from '../../errors.js';
import { listManifestFiles } from '../../inventory/load-manifests.js';
import { writeFileAtomic } from '../../report/write-atomic.js';
import { EXPIRES_AT } from './grant-binding.js';

export interface ExpiredInFile {
  readonly file: string;
  readonly line: number;
  readonly namespace: string;
  readonly name: string;
  readonly expiresAt: string;
}

export interface ExpireFilesResult {
  readonly expired: readonly ExpiredInFile[];
  /** Files rewritten (or deleted when nothing was left); empty for a dry run. */
  readonly changedFiles: readonly string[];
  readonly issues: readonly Issue[];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export async function expireGrantFiles(
  paths: readonly string[],
  now: Date,
  dryRun: boolean,
): Promise<ExpireFilesResult> {
  const expired: ExpiredInFile[] = [];
  const changedFiles: string[] = [];
  const issues: Issue[] = [];
  for (const path of paths) {
    for (const file of await listManifestFiles(path)) {
      if (!/\.ya?ml$/i.test(file)) continue;
      const text = await readFile(file, 'utf8');
      const lines = new LineCounter();
      const documents = parseAllDocuments(text, { lineCounter: lines });
      if (!Array.isArray(documents)) continue; // an empty stream
      const kept: string[] = [];
      let removed = 0;
      for (const document of documents) {
        const body = record(document.toJS({ maxAliasCount: 100 }));
        const metadata = record(body.metadata);
        const expiresAt = record(metadata.annotations)[EXPIRES_AT];
        const line = lines.linePos(document.contents?.range?.[0] ?? 0).line;
        if (body.kind === 'RoleBinding' && typeof expiresAt === 'string') {
          const endMs = Date.parse(expiresAt);
          if (Number.isNaN(endMs)) {
            issues.push({
              code: 'CW_RBAC_BAD_EXPIRY',
              severity: 'error',
              message: `RoleBinding ${String(metadata.name)}: ${EXPIRES_AT} "${expiresAt}" is not an ISO 8601 time; kept`,
              location: { file, line },
            });
          } else if (endMs <= now.getTime()) {
            expired.push({
              file,
              line,
              namespace: String(metadata.namespace ?? ''),
              name: String(metadata.name ?? ''),
              expiresAt,
            });
            removed++;
            continue;
          }
        }
        if (document.contents !== null) kept.push(document.toString());
      }
      if (removed === 0 || dryRun) continue;
      changedFiles.push(file);
      if (kept.length === 0) await rm(file);
      else await writeFileAtomic(file, kept.map((doc) => doc.replace(/^---\n/, '')).join('---\n'));
    }
  }
  return { expired, changedFiles, issues };
}
