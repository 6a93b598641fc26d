/**
 * `cronwarden expire [PATH… | --kubeconfig [FILE]] [--dry-run]` — removes time-bound grants
 * (RoleBindings with `cronwarden.io/expires-at`) whose expiry has passed: from manifest files
 * (rewritten in place, other documents kept) or from the cluster.
 * @module
 */
import type { Command } from 'commander';
import { CronwardenError } from '../../errors.js';
import { expireClusterGrants } from '../../rbac/grants/cluster-grants.js';
import { expireGrantFiles } from '../../rbac/grants/expire-files.js';
import { action, formatOption, printIssues } from '../action.js';
import { EXIT_OK } from '../exit-codes.js';
import { addInventoryOptions, type InventoryCliOptions, parseNow } from '../inventory-input.js';

interface ExpireOptions extends InventoryCliOptions {
  readonly dryRun?: boolean;
  readonly now?: string;
  readonly format: 'table' | 'json';
}

export function registerExpire(program: Command): void {
  addInventoryOptions(
    program
      .command('expire')
      .description('remove time-bound grants past their cronwarden.io/expires-at')
      .argument('[paths...]', 'manifest files or folders to rewrite'),
  )
    .option('--dry-run', 'list what would be removed, change nothing')
    .option('--now <time>', 'ISO 8601 time to judge expiry against (default: now)')
    .addOption(formatOption(['table', 'json'] as const, 'table'))
    .action(
      action(async (paths: string[], options: ExpireOptions) => {
        const now = parseNow(options.now);
        const dryRun = options.dryRun === true;
        const live = options.kubeconfig !== undefined || options.context !== undefined;
        if (live === paths.length > 0) {
          throw new CronwardenError(
            'CW_USAGE',
            'give manifest PATHs or --kubeconfig [FILE] (one of them)',
          );
        }
        let removed: Array<{ namespace: string; name: string; expiresAt: string; where: string }>;
        if (live) {
          const result = await expireClusterGrants(
            {
              ...(typeof options.kubeconfig === 'string' ? { kubeconfig: options.kubeconfig } : {}),
              ...(options.context ? { context: options.context } : {}),
            },
            now,
            dryRun,
          );
          for (const bad of result.unreadable) {
            process.stderr.write(
              `cronwarden: cluster: RoleBinding ${bad.namespace}/${bad.name}: cronwarden.io/expires-at "${bad.expiresAt}" is not an ISO 8601 time; kept (CW_RBAC_BAD_EXPIRY)\n`,
            );
          }
          removed = result.expired.map((e) => ({ ...e, where: 'cluster' }));
        } else {
          const result = await expireGrantFiles(paths, now, dryRun);
          printIssues(result.issues);
          removed = result.expired.map((e) => ({
            namespace: e.namespace,
            name: e.name,
            expiresAt: e.expiresAt,
            where: `${e.file}:${e.line}`,
          }));
        }
        if (options.format === 'json') {
          process.stdout.write(
            `${JSON.stringify({ dryRun, now: now.toISOString(), expired: removed }, null, 2)}\n`,
          );
        } else {
          const verb = dryRun ? 'would remove' : 'removed';
          for (const grant of removed) {
            process.stdout.write(
              `${verb} RoleBinding ${grant.namespace}/${grant.name} (expired ${grant.expiresAt}) at ${grant.where}\n`,
            );
          }
          if (removed.length === 0) process.stdout.write('no expired grants\n');
        }
        return EXIT_OK;
      }),
    );
}
