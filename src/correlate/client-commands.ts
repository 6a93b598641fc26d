/**
 * The client side of a write: a `kubectl`/`oc` process (Sysmon, auditd, any process event)
 * whose command line creates, changes or deletes a CronJob or Job by name. Lineage joins it to
 * the object when the audit log shows the same kind of write to that object by kubectl within
 * minutes (see `lineage-graph.ts`), so the workstation or bastion command lands in the
 * incident of the CronJob it made.
 * @module
 */

import { findingOrigin } from '../event-finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { ClientFact } from './facts.js';
import { recordKeyOf } from './facts.js';

export type ClientVerb = 'create' | 'change' | 'delete';

export interface ClientCommand {
  readonly verb: ClientVerb;
  readonly kind: 'CronJob' | 'Job';
  readonly name: string;
  readonly namespace?: string;
}

const KINDS: Readonly<Record<string, 'CronJob' | 'Job'>> = {
  cronjob: 'CronJob',
  cronjobs: 'CronJob',
  'cronjob.batch': 'CronJob',
  cj: 'CronJob',
  job: 'Job',
  jobs: 'Job',
  'job.batch': 'Job',
};
const VERBS: Readonly<Record<string, ClientVerb>> = {
  create: 'create',
  patch: 'change',
  edit: 'change',
  replace: 'change',
  label: 'change',
  annotate: 'change',
  set: 'change',
  delete: 'delete',
};
/** Global and command flags that take the next token as their value. */
const VALUE_FLAGS = new Set([
  '-n',
  '--namespace',
  '--kubeconfig',
  '--context',
  '--cluster',
  '--user',
  '--as',
  '--as-group',
  '--token',
  '-s',
  '--server',
  '-o',
  '--output',
  '-f',
  '--filename',
  '-l',
  '--selector',
  '--image',
  '--schedule',
  '--from',
  '--type',
  '-p',
  '--patch',
  '--field-manager',
  '--request-timeout',
  '--certificate-authority',
  '--client-certificate',
  '--client-key',
  '-c',
  '--container',
  '--restart',
]);
const PROGRAM = /(^|[\\/])(kubectl|oc)(\.exe)?$/i;

/** Splits a command line on blanks outside quotes; quotes are removed, backslashes kept. */
export function splitCommandLine(commandLine: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quote: string | undefined;
  let hasToken = false;
  for (const char of commandLine) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      hasToken = true;
    } else if (char === ' ' || char === '\t') {
      if (hasToken) tokens.push(current);
      current = '';
      hasToken = false;
    } else {
      current += char;
      hasToken = true;
    }
  }
  if (hasToken) tokens.push(current);
  return tokens;
}

/** True for a kubectl or oc executable path (`C:\…\kubectl.exe`, `/usr/local/bin/oc`). */
export function isKubectlImage(image: string): boolean {
  return PROGRAM.test(image);
}

/**
 * The CronJob/Job write a kubectl or oc command line asks for, or undefined for reads,
 * `apply -f` (no name on the command line) and other commands.
 */
export function parseClientCommand(commandLine: string): ClientCommand | undefined {
  const tokens = splitCommandLine(commandLine);
  const [program, ...rest] = tokens;
  if (program === undefined || !isKubectlImage(program)) return undefined;
  const positional: string[] = [];
  let namespace: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i] as string;
    if (token === '--') break; // the container command follows
    if (!token.startsWith('-') || token === '-') {
      positional.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const flag = eq === -1 ? token : token.slice(0, eq);
    const value = eq === -1 ? (VALUE_FLAGS.has(flag) ? rest[++i] : undefined) : token.slice(eq + 1);
    if ((flag === '-n' || flag === '--namespace') && value) namespace = value;
  }
  const verb = VERBS[positional[0]?.toLowerCase() ?? ''];
  if (verb === undefined) return undefined;
  // `set image cronjob/x …`: the sub-command comes before the object.
  const objectTokens =
    positional[0]?.toLowerCase() === 'set' ? positional.slice(2) : positional.slice(1);
  const target = objectOf(objectTokens);
  if (target === undefined) return undefined;
  return { verb, ...target, ...(namespace ? { namespace } : {}) };
}

function objectOf(
  tokens: readonly string[],
): { kind: 'CronJob' | 'Job'; name: string } | undefined {
  const [first, second] = tokens;
  if (first === undefined) return undefined;
  const slash = first.indexOf('/');
  if (slash !== -1) {
    const kind = KINDS[first.slice(0, slash).toLowerCase()];
    const name = first.slice(slash + 1);
    return kind && name ? { kind, name } : undefined;
  }
  const kind = KINDS[first.toLowerCase()];
  return kind && second && !second.startsWith('-') ? { kind, name: second } : undefined;
}

/** The client fact of a process event running kubectl/oc for a CronJob/Job write. */
export function readClientFact(event: NormalizedEvent): ClientFact | undefined {
  const { Image: image, CommandLine: commandLine } = event.data;
  if (typeof image !== 'string' || typeof commandLine !== 'string' || !isKubectlImage(image))
    return undefined;
  const command = parseClientCommand(commandLine);
  if (command === undefined) return undefined;
  const origin = findingOrigin(event.origin);
  return {
    type: 'client',
    ...command,
    timeMs: event.timeMs,
    ...(origin ? { origin } : {}),
    recordKey: recordKeyOf(event.origin),
  };
}
