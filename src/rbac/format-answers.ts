/**
 * Text and JSON renderings of `rbac who-can`, `rbac can` and `rbac paths`.
 * @module
 */
import { stripControl } from '../report/color.js';
import { formatPathLines, pathToJson } from './escalation/format-path.js';
import { type EscalationPath, formatTarget } from './escalation/graph.js';
import { formatGrant, type Grant, grantToJson } from './grant.js';
import { formatRule, formatSubject, roleKey } from './model.js';
import type { SubjectRights, WhoCanRow } from './queries.js';
import type { ParsedRequest } from './resources.js';
import { formatRequest } from './rule-match.js';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

function bindingText(grant: Grant | undefined): string {
  if (!grant?.binding) return '(superuser: bypasses RBAC)';
  const binding = grant.binding;
  return binding.kind === 'RoleBinding'
    ? `RoleBinding/${binding.namespace}/${binding.name}`
    : `ClusterRoleBinding/${binding.name}`;
}

function roleText(grant: Grant | undefined): string {
  if (!grant?.role || !grant.roleRule) return '-';
  const bound = roleKey(grant.role);
  const source = roleKey(grant.roleRule.source);
  return bound === source
    ? `${bound} #${grant.roleRule.index}`
    : `${bound} ← ${source} #${grant.roleRule.index}`;
}

export function formatWhoCanTable(parsed: ParsedRequest, rows: readonly WhoCanRow[]): string {
  const anyNamespace =
    parsed.namespaced && parsed.request.kind === 'resource' && parsed.request.namespace === '';
  const what = formatRequest(parsed.request).replace(
    ' (cluster-wide)',
    anyNamespace ? ' in any namespace' : ' (cluster-wide)',
  );
  const lines = [`who can ${what}:`];
  if (parsed.note) lines.push(`note: ${parsed.note}`);
  lines.push(
    table(
      ['SUBJECT', 'SCOPE', 'BINDING', 'ROLE / RULE', 'RULE'],
      rows.map((row) => [
        stripControl(row.subject),
        row.scope,
        bindingText(row.grant),
        roleText(row.grant),
        row.grant ? formatRule(row.grant.rule) : '*',
      ]),
    ),
  );
  return `${lines.join('\n')}\n`;
}

export function whoCanToJson(parsed: ParsedRequest, rows: readonly WhoCanRow[]): string {
  return `${JSON.stringify(
    {
      request: parsed.request,
      ...(parsed.note ? { note: parsed.note } : {}),
      subjects: rows.map((row) => ({
        subject: row.subject,
        scope: row.scope,
        ...(row.grant ? { evidence: grantToJson(row.grant) } : { superuser: true }),
      })),
    },
    null,
    2,
  )}\n`;
}

export function formatRightsTable(rights: SubjectRights): string {
  const lines = [`${formatSubject(rights.subject)} can:`];
  if (rights.superuser)
    lines.push('  everything (member of system:masters: RBAC is not consulted)');
  const section = (title: string, grants: readonly Grant[]) => {
    lines.push(`${title}:`);
    for (const grant of grants)
      lines.push(`  ${formatRule(grant.rule)}  via ${formatGrant(grant, { withRule: false })}`);
  };
  if (rights.cluster.length > 0) section('cluster-wide (every namespace)', rights.cluster);
  for (const [namespace, grants] of rights.namespaces) section(`namespace ${namespace}`, grants);
  if (!rights.superuser && rights.cluster.length === 0 && rights.namespaces.size === 0) {
    lines.push('  nothing (no binding reaches this subject or its groups)');
  }
  return `${lines.join('\n')}\n`;
}

export function rightsToJson(rights: SubjectRights): string {
  return `${JSON.stringify(
    {
      subject: rights.subject,
      superuser: rights.superuser,
      cluster: rights.cluster.map(grantToJson),
      namespaces: Object.fromEntries(
        [...rights.namespaces].map(([ns, grants]) => [ns, grants.map(grantToJson)]),
      ),
    },
    null,
    2,
  )}\n`;
}

export function formatPathsText(
  subject: string,
  paths: readonly EscalationPath[],
  searched: number,
): string {
  if (paths.length === 0) return `${subject}: no path to any of ${searched} target(s)\n`;
  const { shown, impliedByAdmin } = collapseAdminPaths(paths);
  const blocks = shown.map((path) => {
    const length = path.steps.length === 0 ? 'directly' : `${path.steps.length} step(s)`;
    return [
      `${subject} → ${formatTarget(path.target)} (${length}):`,
      ...formatPathLines(path).map((l) => `  ${l}`),
    ].join('\n');
  });
  if (impliedByAdmin.length > 0) {
    blocks.push(
      `as cluster-admin ${subject} can also create CronJobs in: ${impliedByAdmin.join(', ')}`,
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

/**
 * When cluster-admin is reached, CronJob targets reached through the same end node and no
 * fewer steps add nothing: they are listed by namespace instead of repeated in full.
 */
export function collapseAdminPaths(paths: readonly EscalationPath[]): {
  shown: EscalationPath[];
  impliedByAdmin: string[];
} {
  const admin = paths.find((p) => p.target.kind === 'cluster-admin');
  if (!admin) return { shown: [...paths], impliedByAdmin: [] };
  const shown: EscalationPath[] = [];
  const impliedByAdmin: string[] = [];
  for (const path of paths) {
    if (
      path !== admin &&
      path.target.kind === 'cronjobs' &&
      path.steps.length >= admin.steps.length &&
      path.end === admin.end
    ) {
      impliedByAdmin.push(path.target.namespace);
    } else {
      shown.push(path);
    }
  }
  return { shown, impliedByAdmin };
}

export function pathsToJson(paths: readonly EscalationPath[]): string {
  return `${JSON.stringify({ paths: paths.map(pathToJson) }, null, 2)}\n`;
}
