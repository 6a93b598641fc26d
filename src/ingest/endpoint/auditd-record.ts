/**
 * One raw Linux audit record (a line of `/var/log/audit/audit.log` or `ausearch --raw`):
 * `[node=HOST ]type=TYPE msg=audit(SECONDS.MILLIS:SERIAL): key=value …[\x1dKEY=value …]`.
 *
 * Values are `"quoted"` (no escapes: the kernel hex-encodes any value holding a space, quote
 * or control character instead), `'single-quoted'` (the `msg='…'` of user-space records,
 * itself a list of key=value pairs) or bare. Fields that carry untrusted strings (`exe`,
 * `comm`, `cwd`, `name`, `proctitle`, `cmd`, `key` and the EXECVE arguments) are hex when
 * bare; they are decoded here, and PROCTITLE's NUL separators become spaces. Long EXECVE
 * arguments split into `aN_len`, `aN[0]`, `aN[1]`, … are joined back into `aN`. The
 * enriched part after `\x1d` (`log_format = ENRICHED`: `UID="root"`, `SYSCALL=execve`) is kept
 * under its upper-case names.
 * @module
 */

export interface AuditRecord {
  readonly type: string;
  readonly timeMs: number;
  readonly serial: string;
  readonly node?: string;
  readonly fields: Record<string, string>;
}

export type AuditRecordResult =
  | { readonly ok: true; readonly record: AuditRecord }
  | { readonly ok: false; readonly reason: string };

const HEADER = /^(?:node=(\S+) )?type=([A-Z0-9_]+) msg=audit\((\d+)\.(\d+):(\d+)\):\s?/;
const HEX = /^(?:[0-9A-F]{2})+$/;
/** Fields that are hex-encoded when bare, for every record type (besides EXECVE `aN`). */
const ENCODED = new Set([
  'exe',
  'comm',
  'cwd',
  'name',
  'proctitle',
  'cmd',
  'key',
  'data',
  'old-name',
  'new-name',
]);
const EXECVE_ARG = /^a\d+$/;
const EXECVE_CHUNK = /^(a\d+)\[(\d+)\]$/;

function hexDecode(hex: string): string {
  return Buffer.from(hex, 'hex').toString('utf8');
}

/** Splits `k=v k2="v 2" k3='a=b c=d'` into pairs; `undefined` when a quote is left open. */
function splitFields(
  text: string,
  out: Record<string, string>,
  bare: Set<string>,
): string | undefined {
  let at = 0;
  const n = text.length;
  while (at < n) {
    while (at < n && text.charCodeAt(at) === 32) at++;
    if (at >= n) break;
    const eq = text.indexOf('=', at);
    const space = text.indexOf(' ', at);
    if (eq === -1 || (space !== -1 && space < eq)) {
      // A word without "=" (some user records end with a bare word): skip it.
      at = space === -1 ? n : space + 1;
      continue;
    }
    const key = text.slice(at, eq);
    const quote = text[eq + 1];
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, eq + 2);
      if (close === -1) return `value of ${key} has no closing ${quote}`;
      out[key] = text.slice(eq + 2, close);
      if (quote === "'") out[`${key}'`] = 'nested';
      at = close + 1;
    } else {
      const end = space === -1 ? n : space;
      out[key] = text.slice(eq + 1, end);
      bare.add(key);
      at = end;
    }
  }
  return undefined;
}

/** Parses one audit record line. Never throws. */
export function parseAuditRecord(line: string): AuditRecordResult {
  const header = HEADER.exec(line);
  if (header === null) {
    return { ok: false, reason: 'not an audit record (expected type=… msg=audit(time:serial):)' };
  }
  const [whole, node, type, seconds, millis, serial] = header as unknown as [
    string,
    string | undefined,
    string,
    string,
    string,
    string,
  ];
  const separator = line.indexOf('\x1d', whole.length);
  const body = separator === -1 ? line.slice(whole.length) : line.slice(whole.length, separator);
  const raw: Record<string, string> = {};
  const bare = new Set<string>();
  const problem = splitFields(body, raw, bare);
  if (problem !== undefined) return { ok: false, reason: problem };
  if (separator !== -1) {
    const enriched: Record<string, string> = {};
    const enrichedProblem = splitFields(line.slice(separator + 1), enriched, new Set());
    if (enrichedProblem !== undefined) return { ok: false, reason: enrichedProblem };
    for (const [key, value] of Object.entries(enriched)) if (!(key in raw)) raw[key] = value;
  }
  const fields = decodeFields(type, raw, bare);
  const time = Number(seconds) * 1000 + Number(millis.padEnd(3, '0').slice(0, 3));
  return {
    ok: true,
    record:
      node === undefined
        ? { type, timeMs: time, serial, fields }
        : { type, timeMs: time, serial, node, fields },
  };
}

function decodeFields(
  type: string,
  raw: Record<string, string>,
  bare: Set<string>,
): Record<string, string> {
  const fields: Record<string, string> = {};
  const chunks = new Map<string, string[]>();
  for (const [key, value] of Object.entries(raw)) {
    if (key.endsWith("'")) continue;
    if (raw[`${key}'`] === 'nested') {
      // msg='op=… acct="root" exe="/usr/bin/sudo" res=success': its pairs become fields.
      const inner: Record<string, string> = {};
      const innerBare = new Set<string>();
      if (splitFields(value, inner, innerBare) === undefined) {
        for (const [innerKey, innerValue] of Object.entries(decodeFields(type, inner, innerBare))) {
          if (!(innerKey in fields)) fields[innerKey] = innerValue;
        }
        continue;
      }
    }
    const chunk = type === 'EXECVE' ? EXECVE_CHUNK.exec(key) : null;
    if (chunk !== null) {
      const [, arg, index] = chunk as unknown as [string, string, string];
      const parts = chunks.get(arg) ?? [];
      parts[Number(index)] = value;
      chunks.set(arg, parts);
      continue;
    }
    const isEncoded = ENCODED.has(key) || (type === 'EXECVE' && EXECVE_ARG.test(key));
    if (isEncoded && bare.has(key) && HEX.test(value)) {
      const decoded = hexDecode(value);
      fields[key] =
        key === 'proctitle' ? decoded.replace(/\0+$/, '').replaceAll('\0', ' ') : decoded;
    } else {
      fields[key] = value;
    }
  }
  for (const [arg, parts] of chunks) {
    const hex = parts.join('');
    fields[arg] = HEX.test(hex) ? hexDecode(hex) : hex;
  }
  return fields;
}
