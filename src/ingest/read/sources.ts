/**
 * Expands the inputs of a command into a stable, sorted list of sources: files as given,
 * directories walked recursively (entries in code-point order, so runs are reproducible),
 * globs matched against a walk from their literal base, and `-` for standard input.
 * @module
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { Issue } from '../../errors.js';
import { globBase, globToRegExp, hasGlobSyntax } from './glob.js';
import type { InputSource } from './open-input.js';

export interface ExpandedInputs {
  readonly sources: InputSource[];
  readonly issues: Issue[];
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every regular file under `dir`, recursively, sorted. Unreadable entries become issues. */
async function walk(dir: string, out: string[], issues: Issue[]): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    issues.push(ioIssue(dir, error));
    return;
  }
  names.sort(byCodePoint);
  for (const name of names) {
    const path = join(dir, name);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      issues.push(ioIssue(path, error));
      continue;
    }
    if (info.isDirectory()) await walk(path, out, issues);
    else if (info.isFile()) out.push(path);
  }
}

function ioIssue(path: string, error: unknown): Issue {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return {
    code: 'CW_IO',
    severity: 'error',
    message: `cannot read (${code})`,
    location: { file: path },
  };
}

function noInput(path: string, why: string): Issue {
  return { code: 'CW_INGEST_NO_INPUT', severity: 'error', message: why, location: { file: path } };
}

/**
 * Expands paths, directories, globs and `-` (standard input, `stdin` or `process.stdin`).
 * A path that matches nothing is an issue; the other inputs are still returned.
 */
export async function expandInputs(
  paths: readonly string[],
  stdin: Readable = process.stdin,
): Promise<ExpandedInputs> {
  const sources: InputSource[] = [];
  const issues: Issue[] = [];
  for (const path of paths) {
    if (path === '-') {
      sources.push({ kind: 'stream', name: '<stdin>', stream: stdin });
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>> | undefined;
    try {
      info = await stat(path);
    } catch (error) {
      if (!hasGlobSyntax(path)) {
        issues.push(
          noInput(
            path,
            `no such file or directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
          ),
        );
        continue;
      }
    }
    if (info?.isFile()) {
      sources.push({ kind: 'file', path });
      continue;
    }
    if (info?.isDirectory()) {
      const files: string[] = [];
      await walk(path, files, issues);
      if (files.length === 0) issues.push(noInput(path, 'the directory holds no files'));
      for (const file of files) sources.push({ kind: 'file', path: file });
      continue;
    }
    const pattern = path.split(sep).join('/');
    const base = globBase(pattern);
    const matcher = globToRegExp(pattern.startsWith('./') ? pattern.slice(2) : pattern);
    const files: string[] = [];
    await walk(base, files, []);
    const matched = files.filter((file) => {
      const candidate = file.split(sep).join('/');
      const shown = base === '.' ? relative('.', file).split(sep).join('/') : candidate;
      return matcher.test(shown);
    });
    if (matched.length === 0) issues.push(noInput(path, 'the glob matched no file'));
    for (const file of matched) sources.push({ kind: 'file', path: file });
  }
  return { sources, issues };
}
