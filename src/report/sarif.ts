/**
 * The `sarif` format: SARIF 2.1.0 (OASIS, errata 01) for code-scanning services. One run;
 * `tool.driver.rules` lists every rule that ran with its default level and help; each finding
 * is a result with its record position (`file:line`), related locations, the Kubernetes
 * object as a logical location and a partial fingerprint. Malformed input records become
 * tool execution notifications. A test validates the output against the official schema.
 * @module
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatLocation, type Issue } from '../errors.js';
import type { Finding, FindingOrigin, Level } from '../finding.js';
import { FINGERPRINT_KEY, findingFingerprint } from './fingerprint.js';
import { formatObject } from './origin.js';
import type { Report, RuleInfo } from './report.js';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const INFORMATION_URI = 'https://github.com/cronwarden/cronwarden';

type SarifLevel = 'error' | 'warning' | 'note';

/** SARIF has three result levels; ours has five. */
const SARIF_LEVEL: Readonly<Record<Level, SarifLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  informational: 'note',
};

/**
 * GitHub code scanning ranks security alerts by `security-severity` (0.1–3.9 low, 4–6.9
 * medium, 7–8.9 high, 9+ critical).
 */
const SECURITY_SEVERITY: Readonly<Record<Level, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  informational: '0.1',
};

export interface SarifOptions {
  /** Base for relative artifact paths (`%SRCROOT%`), as a `file:` URL ending with `/`. */
  readonly srcRoot?: string;
}

/** Artifact URI for a finding file: relative paths stay relative, absolute become `file:`. */
export function artifactUri(file: string): string {
  if (file === '-') return 'stdin';
  if (/^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) return file; // cluster:ctx
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function physicalLocation(origin: FindingOrigin) {
  const uri = artifactUri(origin.file);
  const artifactLocation = isAbsolute(origin.file) ? { uri } : { uri, uriBaseId: '%SRCROOT%' };
  if ('line' in origin) return { artifactLocation, region: { startLine: origin.line } };
  return { artifactLocation };
}

function location(origin: FindingOrigin, id?: number) {
  const base = {
    physicalLocation: physicalLocation(origin),
    ...('index' in origin ? { properties: { recordIndex: origin.index } } : {}),
  };
  return id === undefined ? base : { id, ...base };
}

function ruleName(title: string): string {
  // SARIF §3.49.7: a name is an identifier, not a sentence (`CronjobCreatedByHuman`).
  const words = title.match(/[A-Za-z0-9]+/g) ?? ['Rule'];
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function describeRule(rule: RuleInfo) {
  const help = rule.help ?? rule.description ?? rule.title;
  const falsepositives = rule.falsepositives?.length
    ? `\n\nFalse positives: ${rule.falsepositives.join('; ')}`
    : '';
  return {
    id: rule.id,
    name: ruleName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description ?? rule.title },
    help: { text: `${help}${falsepositives}` },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: SARIF_LEVEL[rule.level] },
    properties: {
      source: rule.source,
      cronwardenLevel: rule.level,
      'security-severity': SECURITY_SEVERITY[rule.level],
      tags: ['security', ...(rule.tags ?? [])],
    },
  };
}

/** Rules that ran, plus any rule only known from a finding (kept in first-seen order). */
function collectRules(report: Report): RuleInfo[] {
  const rules = new Map<string, RuleInfo>();
  for (const rule of report.rules) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  for (const finding of report.findings) {
    if (rules.has(finding.rule.id)) continue;
    rules.set(finding.rule.id, { ...finding.rule, level: finding.level, tags: finding.tags });
  }
  return [...rules.values()];
}

function result(finding: Finding, ruleIndex: number) {
  const related = finding.related ?? [];
  const text = finding.object
    ? `${finding.message} [${formatObject(finding.object)}]`
    : finding.message;
  return {
    ruleId: finding.rule.id,
    ruleIndex,
    level: SARIF_LEVEL[finding.level],
    message: { text },
    locations: [
      {
        ...(finding.origin ? location(finding.origin) : {}),
        ...(finding.object
          ? {
              logicalLocations: [
                {
                  name: finding.object.name,
                  fullyQualifiedName: formatObject(finding.object),
                  kind: 'resource',
                },
              ],
            }
          : {}),
      },
    ],
    ...(related.length > 0
      ? { relatedLocations: related.map((origin, id) => location(origin, id + 1)) }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(finding) },
    properties: {
      cronwardenLevel: finding.level,
      'security-severity': SECURITY_SEVERITY[finding.level],
      time: finding.time,
      tags: finding.tags,
      matched: finding.matched,
      ...(finding.evidence ? { evidence: finding.evidence } : {}),
      ...(finding.remediation ? { remediation: finding.remediation } : {}),
      ...(finding.incident ? { incident: finding.incident } : {}),
    },
  };
}

function notification(issue: Issue) {
  const where = issue.location;
  return {
    level: issue.severity === 'error' ? 'error' : 'warning',
    message: { text: where ? `${formatLocation(where)}: ${issue.message}` : issue.message },
    descriptor: { id: issue.code },
    ...(where
      ? {
          locations: [
            where.line !== undefined
              ? {
                  physicalLocation: { ...physicalLocation({ file: where.file, line: where.line }) },
                }
              : {
                  physicalLocation: physicalLocation({ file: where.file, index: where.index ?? 0 }),
                },
          ],
        }
      : {}),
  };
}

/** The SARIF log object (before serialisation). */
export function toSarif(report: Report, options: SarifOptions = {}) {
  const rules = collectRules(report);
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'cronwarden',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: rules.map(describeRule),
          },
        },
        ...(options.srcRoot
          ? { originalUriBaseIds: { '%SRCROOT%': { uri: options.srcRoot } } }
          : {}),
        invocations: [
          {
            executionSuccessful: !report.summary.stoppedEarly,
            startTimeUtc: report.summary.startedAt,
            toolExecutionNotifications: report.summary.issues.map(notification),
          },
        ],
        results: report.findings.map((finding) => result(finding, index.get(finding.rule.id) ?? 0)),
        properties: {
          command: report.summary.command,
          records: report.summary.records,
          malformed: report.summary.malformed,
          blindSpots: report.summary.blindSpots,
          incidents: report.incidents,
        },
      },
    ],
  };
}

/** The `sarif` format: the SARIF log, pretty-printed, ending with a newline. */
export function formatSarif(report: Report, options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}
