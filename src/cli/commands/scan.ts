/**
 * `cronwarden scan PATH…|--kubeconfig [FILE]`: Pod Security, namespace gaps, extra job checks
 * and RBAC findings in one report. Thin: parsing here, logic in `src/scan.ts`.
 */
import { type Command, Option } from 'commander';
import { CronwardenError } from '../../errors.js';
import { loadPssConfig } from '../../posture/pss/config.js';
import { parseLevelVersion } from '../../posture/pss/level.js';
import { readAuditFacts } from '../../rbac/hygiene/read-audit.js';
import { parseSubject } from '../../rbac/identity.js';
import { type ScanSource, scan } from '../../scan.js';
import { action, printIssues } from '../action.js';
import { EXIT_ERROR } from '../exit-codes.js';
import { addReportOptions, emitReport, type ReportCliOptions } from '../report-options.js';

interface ScanCliOptions extends ReportCliOptions {
  readonly kubeconfig?: string | true;
  readonly context?: string;
  readonly pss: string;
  readonly pssConfig?: string;
  readonly rbac: boolean;
  readonly strict?: boolean;
  readonly audit?: string[];
  readonly dormantDays: string;
  readonly admin?: string[];
}

export function registerScan(program: Command): void {
  const command = program
    .command('scan')
    .description(
      'Scan manifests or a live cluster: Pod Security Standards per workload and namespace, T1053.007 job checks, RBAC.',
    )
    .argument(
      '[path...]',
      'manifest files or folders (YAML, JSON, List, helm template / kustomize build output)',
    )
    .addOption(
      new Option(
        '--kubeconfig [file]',
        'scan the live cluster of this kubeconfig (default: $KUBECONFIG or ~/.kube/config)',
      ),
    )
    .addOption(new Option('--context <name>', 'kubeconfig context (default: current-context)'))
    .addOption(
      new Option(
        '--pss <level[:version]>',
        'Pod Security standard where no namespace label decides',
      ).default('restricted:latest'),
    )
    .addOption(
      new Option(
        '--pss-config <file>',
        'PodSecurityConfiguration/AdmissionConfiguration: cluster defaults and exemptions',
      ),
    )
    .addOption(new Option('--no-rbac', 'skip the RBAC analysis'))
    .addOption(
      new Option(
        '--audit <path...>',
        'audit logs (any format `hunt` reads) for the account-hygiene checks',
      ),
    )
    .addOption(
      new Option('--dormant-days <days>', 'dormancy window for the hygiene checks').default('90'),
    )
    .addOption(
      new Option('--admin <subject...>', 'principals treated as administrators by the RBAC checks'),
    )
    .addOption(
      new Option('--strict', 'exit 2 when any manifest or cluster object could not be read'),
    );
  addReportOptions(command).action(
    action(async (paths: string[], options: ScanCliOptions) => {
      const target = parseLevelVersion(options.pss);
      if (!target) {
        throw new CronwardenError(
          'CW_USAGE',
          `--pss "${options.pss}": expected LEVEL[:VERSION], e.g. restricted, baseline:v1.30`,
        );
      }
      const source = sourceOf(paths, options);
      const pssConfig = options.pssConfig ? await loadPssConfig(options.pssConfig) : undefined;
      const dormantDays = Number(options.dormantDays);
      if (!Number.isInteger(dormantDays) || dormantDays <= 0) {
        throw new CronwardenError(
          'CW_USAGE',
          `--dormant-days "${options.dormantDays}": expected a positive number of days`,
        );
      }
      const admins = options.admin?.map((text) => parseSubject(text, '--admin'));
      const audit = options.audit ? await readAuditFacts(options.audit) : undefined;
      printIssues(audit?.issues ?? []);
      const { report } = await scan(source, {
        pss: target,
        rbac: options.rbac,
        dormantDays,
        ...(pssConfig ? { pssConfig } : {}),
        ...(audit ? { auditFacts: audit.facts } : {}),
        ...(admins ? { admins } : {}),
      });
      printIssues(report.summary.issues);
      const code = await emitReport(report, options);
      return options.strict && report.summary.malformed > 0 ? EXIT_ERROR : code;
    }),
  );
}

function sourceOf(paths: readonly string[], options: ScanCliOptions): ScanSource {
  if (options.kubeconfig !== undefined || options.context !== undefined) {
    if (paths.length > 0)
      throw new CronwardenError('CW_USAGE', 'give PATH… or --kubeconfig, not both');
    return {
      kind: 'cluster',
      cluster: {
        ...(typeof options.kubeconfig === 'string' ? { kubeconfig: options.kubeconfig } : {}),
        ...(options.context !== undefined ? { context: options.context } : {}),
      },
    };
  }
  if (paths.length === 0)
    throw new CronwardenError('CW_USAGE', 'nothing to scan: give PATH… or --kubeconfig');
  return { kind: 'manifests', paths };
}
