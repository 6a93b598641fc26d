/**
 * `cronwarden grant SUBJECT ROLE -n NS --for 2h [--out FILE | --kubeconfig [FILE]]` — writes a
 * RoleBinding that carries its own expiry (`cronwarden.io/expires-at`); `cronwarden expire`
 * removes it once expired. Without --out or --kubeconfig the YAML goes to stdout.
 * @module
 */
import { type Command, Option } from 'commander';
import { stringify } from 'yaml';
import { CronwardenError } from '../../errors.js';
import { applyGrant } from '../../rbac/grants/cluster-grants.js';
import {
  buildGrantBinding,
  EXPIRES_AT,
  parseDuration,
  parseGrantRole,
} from '../../rbac/grants/grant-binding.js';
import { parseSubject } from '../../rbac/identity.js';
import { writeFileAtomic } from '../../report/write-atomic.js';
import { action } from '../action.js';
import { EXIT_OK } from '../exit-codes.js';
import { parseNow } from '../inventory-input.js';

interface GrantOptions {
  readonly namespace: string;
  readonly for: string;
  readonly out?: string;
  readonly kubeconfig?: string | true;
  readonly context?: string;
  readonly now?: string;
  readonly reason?: string;
}

export function registerGrant(program: Command): void {
  program
    .command('grant')
    .description('time-bound access: a RoleBinding of ROLE to SUBJECT in NS that expires')
    .argument('<subject>', 'alice | user:alice | group:devs | sa:NS:NAME')
    .argument('<role>', 'NAME or clusterrole/NAME (a ClusterRole), role/NAME (a Role of NS)')
    .requiredOption('-n, --namespace <ns>', 'namespace of the RoleBinding')
    .requiredOption('--for <duration>', 'how long: 90m, 2h, 1h30m, 7d (at most 30d)')
    .addOption(new Option('-o, --out <file>', 'write the RoleBinding YAML to FILE'))
    .addOption(
      new Option(
        '--kubeconfig [file]',
        'create it in the cluster (default kubeconfig when FILE is omitted)',
      ),
    )
    .option('--context <name>', 'kubeconfig context')
    .option('--reason <text>', 'why (ticket, incident), stored as cronwarden.io/reason')
    .option('--now <time>', 'ISO 8601 start time (default: now)')
    .action(
      action(async (subjectText: string, roleText: string, options: GrantOptions) => {
        if (options.out && options.kubeconfig !== undefined) {
          throw new CronwardenError('CW_USAGE', 'give --out or --kubeconfig, not both');
        }
        const binding = buildGrantBinding({
          subject: parseSubject(subjectText),
          role: parseGrantRole(roleText, options.namespace),
          namespace: options.namespace,
          durationMs: parseDuration(options.for),
          now: parseNow(options.now),
          ...(options.reason ? { reason: options.reason } : {}),
        });
        const yaml = stringify(binding);
        const expires = binding.metadata.annotations[EXPIRES_AT];
        if (options.kubeconfig !== undefined || options.context !== undefined) {
          const created = await applyGrant(binding, {
            ...(typeof options.kubeconfig === 'string' ? { kubeconfig: options.kubeconfig } : {}),
            ...(options.context ? { context: options.context } : {}),
          });
          process.stdout.write(`created RoleBinding ${created}, expires ${expires}\n`);
        } else if (options.out) {
          await writeFileAtomic(options.out, yaml);
          process.stderr.write(
            `wrote ${options.out}: RoleBinding ${binding.metadata.namespace}/${binding.metadata.name}, expires ${expires}\n`,
          );
        } else {
          process.stdout.write(yaml);
        }
        return EXIT_OK;
      }),
    );
}
