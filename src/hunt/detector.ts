/**
 * The detector `hunt` runs on every event: the built-in pack and the user's Sigma rules,
 * compiled once into a `SigmaEngine`, turning matches into findings. It also answers the
 * prefilter's question — which literals must a raw line hold for any rule to match — from
 * the compiled rules' candidate-index requirements. Loading is synchronous so a worker
 * thread builds its own copy from the same options.
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CronwardenError, type Issue } from '../errors.js';
import type { Finding, FindingObject, Level } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { Logsource } from '../logsource.js';
import type { RuleInfo } from '../report/report.js';
import type { SigmaRule } from '../sigma/ast.js';
import { logsourceAccepts, SigmaEngine, type SigmaMatch } from '../sigma/engine/sigma-engine.js';
import { parseSigmaText } from '../sigma/parse/parse-text.js';

/** The rule folder shipped with the package (`rules/` at the package root). */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** What a worker needs to rebuild the same detector (plain data, structured-cloneable). */
export interface DetectorOptions {
  /** Rule folders replacing the built-in pack (default: the package's `rules/`). */
  readonly rules?: readonly string[];
  /** Extra Sigma rule files or folders. */
  readonly sigma?: readonly string[];
}

export interface Detector {
  /** Every rule that compiled, as reports list them. */
  readonly rules: readonly RuleInfo[];
  /** Problems met while loading rules (bad YAML, rules that cannot run). */
  readonly issues: readonly Issue[];
  /**
   * Lowercased literals of which a raw record of this logsource must contain one for any
   * rule to match, or undefined when some routed rule has no such requirement.
   */
  literalsFor(logsource: Logsource): string[] | undefined;
  /** Runs every routed rule on `event`; calls `emit` per finding, in rule order. */
  detect(event: NormalizedEvent, emit: (finding: Finding) => void): void;
}

const RULE_FILE = /\.ya?ml$/i;

function listRuleFiles(path: string, out: string[]): void {
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(path);
  } catch (error) {
    throw new CronwardenError(
      'CW_IO',
      `cannot read rules from ${path}: ${(error as Error).message}`,
      {
        location: { file: path },
        cause: error,
      },
    );
  }
  if (!info.isDirectory()) {
    out.push(path);
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (name.startsWith('.') || name === 'node_modules' || name.endsWith('.tests')) continue;
    const child = join(path, name);
    if (statSync(child).isDirectory()) listRuleFiles(child, out);
    else if (RULE_FILE.test(name) && name !== 'allowlist.yml') out.push(child);
  }
}

interface LoadedRule {
  readonly rule: SigmaRule;
  readonly isPack: boolean;
}

function loadRuleFiles(paths: readonly string[], isPack: boolean, issues: Issue[]): LoadedRule[] {
  const files: string[] = [];
  for (const path of paths) listRuleFiles(path, files);
  const rules: LoadedRule[] = [];
  for (const file of files) {
    const parsed = parseSigmaText(readFileSync(file, 'utf8'), file);
    issues.push(...parsed.issues);
    for (const document of parsed.documents) {
      if (document.kind === 'rule') rules.push({ rule: document.rule, isPack });
    }
  }
  return rules;
}

/** A numeric key can be written in JSON in more than one way (`403`, `4.03e2`): not a literal. */
function isNumberLike(key: string): boolean {
  return key.trim() !== '' && Number.isFinite(Number(key));
}

/** Pack rules carry their catalogue id (`cw_id: CW-001`); other rules keep their Sigma id. */
function packIdOf(rule: SigmaRule): string | undefined {
  const id = rule.custom.cw_id;
  return typeof id === 'string' ? id : undefined;
}

function ruleInfo(loaded: LoadedRule): RuleInfo {
  const { rule } = loaded;
  const id = packIdOf(rule) ?? rule.id ?? rule.name ?? rule.title;
  return {
    id,
    title: rule.title,
    source: loaded.isPack && packIdOf(rule) !== undefined ? 'pack' : 'sigma',
    level: rule.level ?? 'medium',
    ...(rule.description ? { description: rule.description.trim() } : {}),
    tags: rule.tags,
    ...(rule.references[0] ? { helpUri: rule.references[0] } : {}),
    falsepositives: rule.falsepositives,
  };
}

/** `{user.username}`-style template of a pack rule's `cw_message`, filled from the event. */
function renderMessage(template: string, data: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{([A-Za-z0-9_.\-/]+)\}/g, (_all, path: string) => {
    let value: unknown = data;
    for (const part of path.split('.')) {
      if (typeof value !== 'object' || value === null) return '?';
      value = (value as Record<string, unknown>)[part];
    }
    return value === undefined || value === null ? '?' : String(value);
  });
}

/** Kinds of the resources a T1053.007 finding is usually about (objectRef names the resource). */
const KIND_OF_RESOURCE: Readonly<Record<string, string>> = {
  cronjobs: 'CronJob',
  jobs: 'Job',
  pods: 'Pod',
  deployments: 'Deployment',
  daemonsets: 'DaemonSet',
  statefulsets: 'StatefulSet',
  replicasets: 'ReplicaSet',
  replicationcontrollers: 'ReplicationController',
  serviceaccounts: 'ServiceAccount',
  roles: 'Role',
  rolebindings: 'RoleBinding',
  clusterroles: 'ClusterRole',
  clusterrolebindings: 'ClusterRoleBinding',
  secrets: 'Secret',
  namespaces: 'Namespace',
  nodes: 'Node',
};

function kindOf(data: Readonly<Record<string, unknown>>, resource: string): string {
  for (const body of [data.responseObject, data.requestObject]) {
    const kind =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>).kind
        : undefined;
    if (typeof kind === 'string' && kind !== '' && !kind.endsWith('Options') && kind !== 'Status')
      return kind;
  }
  return KIND_OF_RESOURCE[resource] ?? resource;
}

function objectOf(data: Readonly<Record<string, unknown>>): FindingObject | undefined {
  const ref = data.objectRef;
  if (typeof ref !== 'object' || ref === null) return undefined;
  const { resource, namespace, name, apiGroup, apiVersion } = ref as Record<string, unknown>;
  if (typeof resource !== 'string' || typeof name !== 'string') return undefined;
  const version = typeof apiVersion === 'string' ? apiVersion : undefined;
  const group = typeof apiGroup === 'string' && apiGroup !== '' ? apiGroup : undefined;
  return {
    ...(version ? { apiVersion: group ? `${group}/${version}` : version } : {}),
    kind: kindOf(data, resource),
    ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
    name,
  };
}

function eventTime(event: NormalizedEvent): string {
  return Number.isFinite(event.timeMs)
    ? new Date(event.timeMs).toISOString()
    : new Date(0).toISOString();
}

/**
 * Loads and compiles the rules. Rule files that fail to parse or compile become issues; a
 * missing rule path throws `CW_IO`.
 */
export function loadDetector(options: DetectorOptions = {}): Detector {
  const issues: Issue[] = [];
  const loaded = [
    ...loadRuleFiles(options.rules ?? [BUILTIN_RULES_DIR], true, issues),
    ...loadRuleFiles(options.sigma ?? [], false, issues),
  ];
  const { engine, issues: compileIssues } = SigmaEngine.fromRules(loaded.map((l) => l.rule));
  issues.push(...compileIssues);
  const byRule = new Map<SigmaRule, { info: RuleInfo; message: string | undefined }>();
  for (const entry of loaded) {
    const template = entry.rule.custom.cw_message;
    byRule.set(entry.rule, {
      info: ruleInfo(entry),
      message: typeof template === 'string' ? template : undefined,
    });
  }
  const rules = engine.rules.flatMap((compiled) => {
    const entry = byRule.get(compiled.rule);
    return entry ? [entry.info] : [];
  });

  const toFinding = (match: SigmaMatch, event: NormalizedEvent): Finding => {
    const entry = byRule.get(match.rule.rule);
    const info = entry?.info;
    const level: Level = match.level ?? info?.level ?? 'medium';
    const object = objectOf(event.data);
    const origin =
      event.origin.line !== undefined
        ? { file: event.origin.file, line: event.origin.line }
        : { file: event.origin.file, index: event.origin.index ?? 0 };
    return {
      rule: { id: info?.id ?? match.ruleId, title: match.title, source: info?.source ?? 'sigma' },
      level,
      tags: match.tags,
      time: eventTime(event),
      message: entry?.message ? renderMessage(entry.message, event.data) : match.title,
      origin,
      matched: match.matched,
      ...(object ? { object } : {}),
    };
  };

  return {
    rules,
    issues,
    literalsFor(logsource) {
      const literals = new Set<string>();
      for (const compiled of engine.rules) {
        if (!logsourceAccepts(compiled.logsource, logsource)) continue;
        const requirement = compiled.requirement;
        if (requirement === undefined) return undefined;
        for (const alternative of requirement) {
          for (const key of alternative.keys) {
            if (key === '' || isNumberLike(key)) return undefined;
            literals.add(key);
          }
        }
      }
      return [...literals];
    },
    detect(event, emit) {
      const matches = engine.match(event.data, event.logsource);
      for (const match of matches) emit(toFinding(match, event));
    },
  };
}
