/** Loads the SigmaHQ corpus beside the repository (../shared/data/real/sigmahq-rules). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SigmaRule } from '../../src/sigma/ast.js';
import { parseSigmaText } from '../../src/sigma/parse/parse-text.js';
import { sharedPath } from '../shared-data.js';

export const CORPUS_DIR = sharedPath('data', 'real', 'sigmahq-rules');
export const CORPUS_FOLDERS = [
  'rules',
  'rules-emerging-threats',
  'rules-threat-hunting',
  'deprecated',
] as const;

export interface CorpusRule {
  /** Path relative to the corpus root (`rules/windows/…/x.yml`). */
  readonly path: string;
  readonly folder: (typeof CORPUS_FOLDERS)[number];
  readonly rule: SigmaRule;
}

export function listFiles(dir: string, suffixes: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) walk(child);
      else if (suffixes.some((suffix) => name.endsWith(suffix))) out.push(child);
    }
  };
  walk(dir);
  return out;
}

let cache: CorpusRule[] | undefined;

/** Every rule of the four corpus folders that parses (lint tests cover the rest). */
export function loadCorpusRules(): CorpusRule[] {
  if (cache) return cache;
  cache = [];
  for (const folder of CORPUS_FOLDERS) {
    for (const file of listFiles(join(CORPUS_DIR, folder), ['.yml', '.yaml'])) {
      const { documents } = parseSigmaText(readFileSync(file, 'utf8'), file);
      for (const document of documents) {
        if (document.kind === 'rule')
          cache.push({ path: relative(CORPUS_DIR, file), folder, rule: document.rule });
      }
    }
  }
  return cache;
}
