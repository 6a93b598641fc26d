/**
 * The input options of the posture-side commands (`rbac …`, `expire`): manifest paths or a
 * live cluster through `--kubeconfig [FILE]` and `--context`. Problems in the input are
 * printed on stderr (`file:line: message (CODE)`) and never stop the run.
 * @module
 */
import { type Command, Option } from 'commander';
import { CronwardenError } from '../errors.js';
import { loadCluster } from '../inventory/cluster.js';
import { loadManifests } from '../inventory/load-manifests.js';
import type { Inventory } from '../inventory/object.js';
import { printIssues } from './action.js';

export interface InventoryCliOptions {
  /** `true` for `--kubeconfig` without a file (default loading rules). */
  readonly kubeconfig?: string | true;
  readonly context?: string;
}

export function addInventoryOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--kubeconfig [file]',
        'read a live cluster (default kubeconfig when FILE is omitted)',
      ),
    )
    .addOption(new Option('--context <name>', 'kubeconfig context (default: current-context)'));
}

/** Reads manifests or the cluster; exactly one of them must be given. */
export async function loadInventoryInput(
  paths: readonly string[],
  options: InventoryCliOptions,
  stderr: { write(text: string): boolean } = process.stderr,
): Promise<{ inventory: Inventory; source: string }> {
  const live = options.kubeconfig !== undefined || options.context !== undefined;
  if (live && paths.length > 0) {
    throw new CronwardenError('CW_USAGE', 'give manifest PATHs or --kubeconfig, not both');
  }
  if (!live && paths.length === 0) {
    throw new CronwardenError('CW_USAGE', 'give manifest PATHs or --kubeconfig [FILE]');
  }
  const inventory = live
    ? await loadCluster({
        ...(typeof options.kubeconfig === 'string' ? { kubeconfig: options.kubeconfig } : {}),
        ...(options.context ? { context: options.context } : {}),
      })
    : await loadManifests(paths);
  printIssues(inventory.issues, stderr);
  return { inventory, source: live ? 'cluster' : 'manifests' };
}

/** Parses `--now` (ISO 8601); the current time when absent. */
export function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new CronwardenError('CW_USAGE', `--now "${text}" is not an ISO 8601 time`, {
      location: { file: '--now' },
    });
  }
  return new Date(ms);
}
