/**
 * The Pod Security admission plugin's configuration (`PodSecurityConfiguration`, alone or inside
 * an `AdmissionConfiguration`): defaults for unlabelled namespaces and exemptions by username,
 * runtime class and namespace.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { CronwardenError } from '../../errors.js';
import { type LevelVersion, parsePolicyVersion, parsePssLevel } from './level.js';
import { type NamespacePolicy, uniformPolicy } from './policy.js';

export interface PssExemptions {
  readonly usernames: ReadonlySet<string>;
  readonly namespaces: ReadonlySet<string>;
  readonly runtimeClasses: ReadonlySet<string>;
}

export interface PssConfig {
  /** What PSA applies to namespaces without labels (upstream default: privileged:latest). */
  readonly defaults: NamespacePolicy;
  readonly exemptions: PssExemptions;
}

export const DEFAULT_PSS_CONFIG: PssConfig = {
  defaults: uniformPolicy({ level: 'privileged', version: 'latest' }),
  exemptions: { usernames: new Set(), namespaces: new Set(), runtimeClasses: new Set() },
};

const level = z
  .string()
  .refine(
    (text) => parsePssLevel(text) !== undefined,
    'must be privileged, baseline or restricted',
  );
const version = z
  .string()
  .refine((text) => parsePolicyVersion(text) !== undefined, 'must be "latest" or "v1.x"');

const POD_SECURITY_CONFIGURATION = z.strictObject({
  apiVersion: z.enum([
    'pod-security.admission.config.k8s.io/v1',
    'pod-security.admission.config.k8s.io/v1beta1',
    'pod-security.admission.config.k8s.io/v1alpha1',
  ]),
  kind: z.literal('PodSecurityConfiguration'),
  defaults: z
    .strictObject({
      enforce: level.optional(),
      'enforce-version': version.optional(),
      audit: level.optional(),
      'audit-version': version.optional(),
      warn: level.optional(),
      'warn-version': version.optional(),
    })
    .optional(),
  exemptions: z
    .strictObject({
      usernames: z.array(z.string()).optional(),
      namespaces: z.array(z.string()).optional(),
      runtimeClasses: z.array(z.string()).optional(),
    })
    .optional(),
});

type Configuration = z.infer<typeof POD_SECURITY_CONFIGURATION>;

/** Reads a `--pss-config` file. @throws CronwardenError `CW_PSS_CONFIG` (with line) or `CW_IO`. */
export async function loadPssConfig(file: string): Promise<PssConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CronwardenError('CW_IO', `cannot read ${file}: ${(error as Error).message}`, {
      location: { file },
      cause: error,
    });
  }
  return parsePssConfig(text, file);
}

/** Parses the configuration text. @throws CronwardenError `CW_PSS_CONFIG` with the line. */
export function parsePssConfig(text: string, file: string): PssConfig {
  const document = parseDocument(text, { prettyErrors: true });
  const fail = (message: string, path: readonly (string | number)[] = []): never => {
    const node = document.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0] ?? 0;
    const line = text.slice(0, offset).split('\n').length;
    throw new CronwardenError('CW_PSS_CONFIG', message, { location: { file, line } });
  };
  if (document.errors.length > 0)
    fail(`invalid YAML: ${document.errors[0]?.message.split('\n')[0]}`);
  const raw: unknown = document.toJS({ maxAliasCount: 100 });
  let prefix: (string | number)[] = [];
  let candidate = raw;
  if (isRecord(raw) && raw.kind === 'AdmissionConfiguration') {
    const plugins = Array.isArray(raw.plugins) ? raw.plugins : [];
    const index = plugins.findIndex((p) => isRecord(p) && p.name === 'PodSecurity');
    if (index < 0) fail('AdmissionConfiguration without a PodSecurity plugin', ['plugins']);
    prefix = ['plugins', index, 'configuration'];
    candidate = (plugins[index] as Record<string, unknown>).configuration;
  }
  const result = POD_SECURITY_CONFIGURATION.safeParse(candidate);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = (issue?.path ?? []).filter((k): k is string | number => typeof k !== 'symbol');
    // Point at the misspelt key itself, not at the object holding it.
    if (issue?.code === 'unrecognized_keys' && issue.keys[0] !== undefined)
      path.push(issue.keys[0]);
    return fail(`${path.join('.') || 'configuration'}: ${issue?.message ?? 'invalid'}`, [
      ...prefix,
      ...path,
    ]);
  }
  return toConfig(result.data);
}

function toConfig(configuration: Configuration): PssConfig {
  const defaults = configuration.defaults ?? {};
  const mode = (levelText: string | undefined, versionText: string | undefined): LevelVersion => ({
    level: parsePssLevel(levelText ?? 'privileged') ?? 'privileged',
    version: parsePolicyVersion(versionText ?? 'latest') ?? 'latest',
  });
  const exemptions = configuration.exemptions ?? {};
  return {
    defaults: {
      enforce: mode(defaults.enforce, defaults['enforce-version']),
      audit: mode(defaults.audit, defaults['audit-version']),
      warn: mode(defaults.warn, defaults['warn-version']),
    },
    exemptions: {
      usernames: new Set(exemptions.usernames ?? []),
      namespaces: new Set(exemptions.namespaces ?? []),
      runtimeClasses: new Set(exemptions.runtimeClasses ?? []),
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
