/**
 * Reading pipeline files and turning a pipeline chain into the `prepareRule` hook of
 * `rules lint`.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { CronwardenError, type Issue } from '../../errors.js';
import type { SigmaRule } from '../ast.js';
import { applyPipelines, chainPipelines, type PipelineChain } from './apply.js';
import { parsePipelineText } from './parse.js';
import type { Pipeline } from './types.js';

/**
 * Reads and parses pipeline files. Unreadable files throw `CronwardenError` (`CW_IO`); parse
 * problems are issues, and a pipeline with errors is left out of the chain.
 */
export async function loadPipelines(
  paths: readonly string[],
): Promise<{ chain: PipelineChain; issues: Issue[] }> {
  const pipelines: Pipeline[] = [];
  const issues: Issue[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new CronwardenError(
        'CW_IO',
        `cannot read pipeline ${path}: ${(error as Error).message}`,
        {
          location: { file: path },
          cause: error,
        },
      );
    }
    const parsed = parsePipelineText(text, path);
    issues.push(...parsed.issues);
    if (parsed.pipeline) pipelines.push(parsed.pipeline);
  }
  return { chain: chainPipelines(pipelines), issues };
}

/** The `prepareRule` hook of `lintSources` for a pipeline chain. */
export function pipelinePreparer(
  chain: PipelineChain,
): (rule: SigmaRule) => { rule?: SigmaRule; issues: readonly Issue[] } {
  return (rule) => {
    const applied = applyPipelines(rule, chain);
    return applied.rule
      ? { rule: applied.rule, issues: applied.issues }
      : { issues: applied.issues };
  };
}
