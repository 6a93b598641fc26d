/**
 * The demo use case: hunt the bundled labelled day (`samples/`) with the built-in pack, write
 * the HTML report, and score the findings against the labels (recall per attack story).
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type HuntResult, hunt } from './hunt.js';
import { formatReport } from './report/format.js';
import { writeFileAtomic } from './report/write-atomic.js';
import { type SampleQuality, scoreSamples } from './rules/sample-quality.js';

export interface DemoOptions {
  /** The package root, holding `rules/` and `samples/`. */
  readonly root: string;
  /** Where the HTML report goes. */
  readonly out: string;
}

export interface DemoResult {
  readonly hunt: HuntResult;
  readonly quality: SampleQuality;
  /** The sample files hunted, relative to the package root. */
  readonly inputs: readonly string[];
  readonly out: string;
}

/** The files of the labelled scenario set, as `samples/labels.json` lists them. */
export function sampleFiles(root: string): string[] {
  const labels = JSON.parse(readFileSync(join(root, 'samples', 'labels.json'), 'utf8')) as {
    readonly files: readonly string[];
  };
  return labels.files.map((file) => join(root, 'samples', file));
}

/** Runs the demo: hunt → HTML report at `out` → quality against the labels. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const inputs = sampleFiles(options.root);
  const result = await hunt({ paths: inputs });
  await writeFileAtomic(options.out, formatReport('html', result.report, { color: false }));
  const quality = await scoreSamples(join(options.root, 'samples'));
  return {
    hunt: result,
    quality,
    inputs: inputs.map((file) => file.slice(options.root.length + 1)),
    out: options.out,
  };
}
