/**
 * `cronwarden rbac who-can | can | paths | check | suggest` — RBAC questions over manifests or
 * a live cluster. Thin: parsing and printing here, answers in `src/rbac/`.
 * @module
 */
import { type Command, Option } from 'commander';
import { analyzeRbac } from '../../rbac/analyze.js';
import {
  formatPathsText,
  formatRightsTable,
  formatWhoCanTable,
  pathsToJson,
  rightsToJson,
  whoCanToJson,
} from '../../rbac/format-answers.js';
import { parseDuration } from '../../rbac/grants/grant-binding.js';
import { formatSuggestedRoles, suggestRoles } from '../../rbac/hygiene/least-privilege.js';
import { readAuditFacts } from '../../rbac/hygiene/read-audit.js';
import { identityOfSubject, parseSubject } from '../../rbac/identity.js';
import { formatSubject } from '../../rbac/model.js';
import { defaultTargets, pathsFrom, rightsOf, whoCan } from '../../rbac/queries.js';
import { parseAccessRequest } from '../../rbac/resources.js';
import { parseTarget } from '../../rbac/targets.js';
import { rbacReport, reviewRbac } from '../../rbac-review.js';
import { writeFileAtomic } from '../../report/write-atomic.js';
import { action, formatOption, printIssues } from '../action.js';
import { EXIT_OK } from '../exit-codes.js';
import {
  addInventoryOptions,
  type InventoryCliOptions,
  loadInventoryInput,
  parseNow,
} from '../inventory-input.js';
import { addReportOptions, emitReport, type ReportCliOptions } from '../report-options.js';

const ANSWER_FORMATS = ['table', 'json'] as const;
type AnswerFormat = (typeof ANSWER_FORMATS)[number];

interface AnswerOptions extends InventoryCliOptions {
  readonly format: AnswerFormat;
}

/** Reads the inventory and analyzes its RBAC; the problems of both go to stderr. */
async function load(paths: string[], options: InventoryCliOptions) {
  const { inventory } = await loadInventoryInput(paths, options);
  const analysis = analyzeRbac(inventory.objects);
  printIssues(analysis.model.issues);
  return analysis;
}

/** Prints an answer in the chosen format; answering is never a failure. */
function writeAnswer(format: AnswerFormat, toJson: () => string, toTable: () => string) {
  process.stdout.write(format === 'json' ? toJson() : toTable());
  return EXIT_OK;
}

/** `rbac <name> <subject> [paths...]` with the inventory options. */
function subjectCommand(rbac: Command, name: string, description: string, subjectHelp: string) {
  return addInventoryOptions(
    rbac
      .command(name)
      .description(description)
      .argument('<subject>', subjectHelp)
      .argument('[paths...]', 'manifest files or folders'),
  );
}

function registerWhoCan(rbac: Command): void {
  addInventoryOptions(
    rbac
      .command('who-can')
      .description('every subject allowed VERB on RESOURCE, with binding → role → rule as evidence')
      .argument(
        '<verb>',
        'create, get, list, update, patch, delete, impersonate, bind, escalate, …',
      )
      .argument(
        '<resource>',
        'RESOURCE[.GROUP][/SUBRESOURCE] (cronjobs, pods/exec, widgets.example.com) or a URL (/metrics)',
      )
      .argument('[paths...]', 'manifest files or folders'),
  )
    .option('-n, --namespace <ns>', 'only this namespace (default: every namespace)')
    .option('--name <name>', 'a specific object name (matters for resourceNames)')
    .addOption(formatOption(ANSWER_FORMATS, 'table'))
    .action(
      action(
        async (
          verb: string,
          resource: string,
          paths: string[],
          options: AnswerOptions & { namespace?: string; name?: string },
        ) => {
          const parsed = parseAccessRequest(
            verb,
            resource,
            options.namespace ?? '',
            options.name ?? '',
          );
          const rows = whoCan(await load(paths, options), parsed);
          return writeAnswer(
            options.format,
            () => whoCanToJson(parsed, rows),
            () => formatWhoCanTable(parsed, rows),
          );
        },
      ),
    );
}

function registerCan(rbac: Command): void {
  subjectCommand(
    rbac,
    'can',
    'what SUBJECT may do, cluster-wide and per namespace, with evidence',
    'alice | user:alice | group:devs | sa:NS:NAME | system:serviceaccount:NS:NAME',
  )
    .option('--as-group <group...>', 'groups the user is in (the authenticator adds them)')
    .addOption(formatOption(ANSWER_FORMATS, 'table'))
    .action(
      action(
        async (
          subjectText: string,
          paths: string[],
          options: AnswerOptions & { asGroup?: string[] },
        ) => {
          const subject = parseSubject(subjectText);
          const analysis = await load(paths, options);
          const rights = rightsOf(analysis, subject, options.asGroup ?? []);
          return writeAnswer(
            options.format,
            () => rightsToJson(rights),
            () => formatRightsTable(rights),
          );
        },
      ),
    );
}

function registerPaths(rbac: Command): void {
  subjectCommand(
    rbac,
    'paths',
    'shortest escalation paths from SUBJECT to cluster-admin and to creating CronJobs',
    'alice | user:alice | group:devs | sa:NS:NAME',
  )
    .option(
      '--target <target...>',
      'cluster-admin | cronjobs:NAMESPACE (default: cluster-admin and every namespace)',
    )
    .addOption(formatOption(ANSWER_FORMATS, 'table'))
    .action(
      action(
        async (
          subjectText: string,
          paths: string[],
          options: AnswerOptions & { target?: string[] },
        ) => {
          const subject = parseSubject(subjectText);
          const targets = options.target?.map(parseTarget);
          const analysis = await load(paths, options);
          const wanted = targets ?? defaultTargets(analysis);
          const found = pathsFrom(analysis, subject, wanted);
          return writeAnswer(
            options.format,
            () => pathsToJson(found),
            () => formatPathsText(formatSubject(subject), found, wanted.length),
          );
        },
      ),
    );
}

interface CheckOptions extends InventoryCliOptions, ReportCliOptions {
  readonly audit?: string[];
  readonly now?: string;
  readonly dormantDays: string;
  readonly admin?: string[];
}

function registerCheck(rbac: Command): void {
  const command = addInventoryOptions(
    rbac
      .command('check')
      .description(
        'RBAC (RBAC-…) and account-hygiene (HYG-…) findings; --audit adds dormant principals, credentials and JIT-grant writes',
      )
      .argument('[paths...]', 'manifest files or folders'),
  )
    .option('--audit <path...>', 'audit logs (any format `hunt` reads) for the hygiene checks')
    .option('--now <time>', 'ISO 8601 time to judge expiry and dormancy against (default: now)')
    .option('--dormant-days <days>', 'dormancy window in days', '90')
    .option(
      '--admin <subject...>',
      'principals to treat as administrators (not reported for holding power)',
    );
  addReportOptions(command).action(
    action(async (paths: string[], options: CheckOptions) => {
      const startedAt = new Date();
      const now = parseNow(options.now);
      const dormantDays =
        parseDuration(`${options.dormantDays}d`, '--dormant-days', 3650 * 86_400_000) / 86_400_000;
      const admins = options.admin?.map((text) => parseSubject(text, '--admin'));
      const { inventory, source } = await loadInventoryInput(paths, options);
      const audit = options.audit ? await readAuditFacts(options.audit) : undefined;
      printIssues(audit?.issues ?? []);
      const review = reviewRbac(inventory.objects, {
        now,
        dormantDays,
        ...(audit ? { facts: audit.facts } : {}),
        ...(admins ? { admins } : {}),
      });
      const report = rbacReport(review, {
        command: 'rbac check',
        startedAt,
        durationMs: Date.now() - startedAt.getTime(),
        inputs: [
          {
            path: source === 'cluster' ? 'cluster' : paths.join(' '),
            format: source,
            records: inventory.objects.length,
            malformed: inventory.issues.length,
          },
          ...(audit
            ? [
                {
                  path: (options.audit ?? []).join(' '),
                  format: 'k8s-audit',
                  records: audit.facts.length,
                  malformed: audit.issues.length,
                },
              ]
            : []),
        ],
        inputIssues: [...inventory.issues, ...(audit?.issues ?? [])],
      });
      return emitReport(report, options);
    }),
  );
}

function registerSuggest(rbac: Command): void {
  rbac
    .command('suggest')
    .description(
      "a least-privilege Role (YAML) from SUBJECT's successful requests in the audit log",
    )
    .argument('<subject>', 'alice | user:alice | group:devs | sa:NS:NAME')
    .requiredOption('--audit <path...>', 'audit logs (any format `hunt` reads)')
    .option('--name <name>', 'name of the suggested roles')
    .addOption(new Option('-o, --out <file>', 'write the YAML to FILE'))
    .action(
      action(
        async (subjectText: string, options: { audit: string[]; name?: string; out?: string }) => {
          const subject = parseSubject(subjectText);
          const audit = await readAuditFacts(options.audit);
          printIssues(audit.issues);
          const roles = suggestRoles(
            audit.facts,
            identityOfSubject(subject),
            options.name ? { name: options.name } : {},
          );
          const yaml = formatSuggestedRoles(roles);
          if (options.out) {
            await writeFileAtomic(options.out, yaml);
          } else {
            process.stdout.write(yaml);
          }
          return EXIT_OK;
        },
      ),
    );
}

export function registerRbac(program: Command): void {
  const rbac = program
    .command('rbac')
    .description('RBAC analysis: who-can, can, paths, check, suggest');
  registerWhoCan(rbac);
  registerCan(rbac);
  registerPaths(rbac);
  registerCheck(rbac);
  registerSuggest(rbac);
  for (const command of rbac.commands) command.exitOverride();
}
