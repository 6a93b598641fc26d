/**
 * `linux-auditd`: raw Linux audit logs. Records of one event share the serial of
 * `msg=audit(<time>:<serial>)`; the kernel writes a syscall event as SYSCALL, then auxiliary
 * records (EXECVE, CWD, PATH…, PROCTITLE) and EOE, and events of several CPUs may interleave.
 *
 * Routing — one record stream, two views:
 *
 * 1. **Every record** becomes one event with logsource `{product: linux, service: auditd}`
 *    and its own fields (`type`, `a0`…, `exe`, `name`, `key`, hex decoded), because
 *    SigmaHQ's auditd rules are written per record (`type: EXECVE` with `a0`/`a1`,
 *    `type: SYSCALL` with `exe`/`key`, `type: PATH` with `name`).
 * 2. **A whole event** that is an execve (SYSCALL + EXECVE) also becomes a
 *    `{product: linux, category: process_creation}` event, and one that created a file (a PATH
 *    record with `nametype=CREATE`) a `{product: linux, category: file_event}` event, with
 *    the taxonomy names (`Image` = `exe`, `CommandLine` = the EXECVE arguments joined by
 *    spaces, else the PROCTITLE, `CurrentDirectory`, `User`, `ProcessId`,
 *    `ParentProcessId`, `TargetFilename`). Those views carry no `service`, so a rule naming
 *    `service: auditd` sees the raw records only and a taxonomy rule sees the view only.
 *
 * An event is complete at its EOE record; one still open after `WINDOW_LINES` lines or at the
 * end of the input is decoded with what it has and reported as `CW_INGEST_INCOMPLETE_AUDITD`.
 * @module
 */
import type { Logsource } from '../../logsource.js';
import type { DecodeSink, Format, LineDecoder } from '../format.js';
import { type AuditRecord, parseAuditRecord } from './auditd-record.js';
import { setPresent } from './fields.js';
import { internLogsource } from './logsource-intern.js';

export const AUDITD_LOGSOURCE: Logsource = Object.freeze({ product: 'linux', service: 'auditd' });

/** Lines after its first record that an event may stay open (interleaving is far shorter). */
export const WINDOW_LINES = 1024;

/** Records the kernel attaches to a SYSCALL event (they share its serial and end with EOE). */
const SYSCALL_AUX = new Set([
  'SYSCALL',
  'EXECVE',
  'CWD',
  'PATH',
  'PROCTITLE',
  'SOCKADDR',
  'EOE',
  'OBJ_PID',
  'FD_PAIR',
  'MMAP',
  'BPRM_FCAPS',
  'CAPSET',
  'SECCOMP',
  'NETFILTER_CFG',
  'IPC',
  'MQ_OPEN',
  'KERN_MODULE',
  'URINGOP',
]);

/** execve/execveat and creat/open/openat by audit arch (x86_64, aarch64), for logs without ENRICHED names. */
const SYSCALL_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze({
  c000003e: {
    '59': 'execve',
    '322': 'execveat',
    '2': 'open',
    '257': 'openat',
    '85': 'creat',
    '437': 'openat2',
  },
  c00000b7: { '221': 'execve', '281': 'execveat', '56': 'openat', '437': 'openat2' },
});

interface EventGroup {
  readonly serial: string;
  readonly firstLine: number;
  readonly records: { readonly record: AuditRecord; readonly line: number }[];
  isClosed: boolean;
}

function syscallName(syscall: Readonly<Record<string, string>> | undefined): string | undefined {
  if (syscall === undefined) return undefined;
  if (syscall.SYSCALL !== undefined) return syscall.SYSCALL;
  const arch = syscall.arch;
  const number = syscall.syscall;
  return arch === undefined || number === undefined ? undefined : SYSCALL_NAMES[arch]?.[number];
}

function commandLineOf(execve: Readonly<Record<string, string>>): string {
  const argc = Number(execve.argc);
  const args: string[] = [];
  for (let i = 0; Number.isFinite(argc) ? i < argc : `a${i}` in execve; i++) {
    const arg = execve[`a${i}`];
    if (arg === undefined) break;
    args.push(arg);
  }
  return args.join(' ');
}

function joinPath(cwd: string | undefined, name: string): string {
  if (name.startsWith('/') || cwd === undefined) return name;
  return `${cwd.endsWith('/') ? cwd : `${cwd}/`}${name}`;
}

class AuditdDecoder implements LineDecoder {
  private readonly open = new Map<string, EventGroup>();

  constructor(
    private readonly file: string,
    private readonly sink: DecodeSink,
  ) {}

  line(text: string, lineNumber: number): void {
    this.expire(lineNumber);
    if (text.trim() === '' || text.startsWith('----') || text.startsWith('time->')) return;
    const parsed = parseAuditRecord(text);
    if (!parsed.ok) {
      this.sink.issue({
        code: 'CW_INGEST_MALFORMED_AUDITD',
        severity: 'error',
        message: `audit record skipped: ${parsed.reason}`,
        location: { file: this.file, line: lineNumber },
      });
      return;
    }
    const record = parsed.record;
    const key = `${record.node ?? ''}|${record.serial}`;
    let group = this.open.get(key);
    if (group === undefined) {
      group = { serial: record.serial, firstLine: lineNumber, records: [], isClosed: false };
      if (!SYSCALL_AUX.has(record.type)) {
        // A user-space or standalone kernel record: an event of its own.
        group.records.push({ record, line: lineNumber });
        group.isClosed = true;
        this.emit(group);
        return;
      }
      this.open.set(key, group);
    }
    group.records.push({ record, line: lineNumber });
    if (record.type === 'EOE') {
      group.isClosed = true;
      this.open.delete(key);
      this.emit(group);
    }
  }

  isAtRecordBoundary(): boolean {
    return this.open.size === 0;
  }

  private expire(lineNumber: number): void {
    for (const [key, group] of this.open) {
      if (lineNumber - group.firstLine <= WINDOW_LINES) break;
      this.open.delete(key);
      this.emit(group);
    }
  }

  private emit(group: EventGroup): void {
    const hasSyscall = group.records.some(({ record }) => record.type === 'SYSCALL');
    const isSyscallEvent = group.records.some(({ record }) => SYSCALL_AUX.has(record.type));
    if (isSyscallEvent && (!hasSyscall || !group.isClosed)) {
      const types = group.records.map(({ record }) => record.type).join(', ');
      this.sink.issue({
        code: 'CW_INGEST_INCOMPLETE_AUDITD',
        severity: 'warning',
        message: hasSyscall
          ? `audit event ${group.serial} has no EOE record (input ended or records were lost); decoded from ${types}`
          : `audit event ${group.serial} has no SYSCALL record; decoded from ${types}`,
        location: { file: this.file, line: group.firstLine },
      });
    }
    for (const { record, line } of group.records) {
      if (record.type === 'EOE') continue;
      // The record's fields object is ours (built by parseAuditRecord): extended in place.
      const data: Record<string, unknown> = record.fields;
      data.type = record.type;
      data.auditSerial = record.serial;
      if (record.node !== undefined) data.node = record.node;
      this.sink.event({
        format: 'linux-auditd',
        logsource: AUDITD_LOGSOURCE,
        timeMs: record.timeMs,
        data,
        origin: { file: this.file, line },
      });
    }
    if (hasSyscall) this.emitViews(group);
  }

  /** The process_creation / file_event views of a syscall event. */
  private emitViews(group: EventGroup): void {
    const byType = (type: string) =>
      group.records.find(({ record }) => record.type === type)?.record;
    const syscall = byType('SYSCALL') as AuditRecord;
    const execve = byType('EXECVE');
    const cwd = byType('CWD')?.fields.cwd;
    const proctitle = byType('PROCTITLE')?.fields.proctitle;
    const name = syscallName(syscall.fields);
    const fields = syscall.fields;
    const base: Record<string, unknown> = { auditSerial: group.serial };
    setPresent(base, 'ProcessId', fields.pid);
    setPresent(base, 'ParentProcessId', fields.ppid);
    setPresent(base, 'User', fields.UID ?? fields.uid);
    setPresent(base, 'LogonId', fields.ses);
    setPresent(base, 'auid', fields.auid);
    setPresent(base, 'uid', fields.uid);
    setPresent(base, 'euid', fields.euid);
    setPresent(base, 'comm', fields.comm);
    // `(null)` is auditd's absent value (key=(null) when no rule key matched).
    if (fields.key !== '(null)') setPresent(base, 'key', fields.key);
    setPresent(base, 'syscall', name ?? fields.syscall);
    setPresent(base, 'success', fields.success);
    if (syscall.fields.AUID !== undefined) base.LogonUser = syscall.fields.AUID;
    if (cwd !== undefined) base.CurrentDirectory = cwd;
    if (syscall.node !== undefined) base.node = syscall.node;
    const origin = { file: this.file, line: group.firstLine };
    const isExec = execve !== undefined || name === 'execve' || name === 'execveat';
    if (isExec && syscall.fields.success !== 'no') {
      const data: Record<string, unknown> = { ...base };
      setPresent(data, 'Image', fields.exe);
      const commandLine = execve === undefined ? proctitle : commandLineOf(execve.fields);
      if (commandLine !== undefined) data.CommandLine = commandLine;
      if (proctitle !== undefined) data.proctitle = proctitle;
      this.view('process_creation', data, syscall.timeMs, origin);
    }
    for (const { record } of group.records) {
      if (record.type !== 'PATH' || record.fields.nametype !== 'CREATE') continue;
      const target = record.fields.name;
      if (target === undefined || target === '(null)') continue;
      const data: Record<string, unknown> = { ...base, TargetFilename: joinPath(cwd, target) };
      setPresent(data, 'Image', fields.exe);
      this.view('file_event', data, syscall.timeMs, origin);
    }
  }

  private view(
    category: string,
    data: Record<string, unknown>,
    timeMs: number,
    origin: { file: string; line: number },
  ): void {
    this.sink.event({
      format: 'linux-auditd',
      logsource: internLogsource('linux', undefined, category),
      timeMs,
      data,
      origin,
    });
  }

  end(): void {
    for (const group of this.open.values()) this.emit(group);
    this.open.clear();
  }
}

const RECORD_LINE = /^(?:node=\S+ )?type=[A-Z0-9_]+ msg=audit\(\d+\.\d+:\d+\):/m;

export const LINUX_AUDITD_FORMAT: Format = {
  id: 'linux-auditd',
  description: 'Linux auditd raw records (audit.log, ausearch --raw), grouped by event serial',
  sniff(head) {
    const first = head
      .split('\n', 3)
      .find((line) => line.trim() !== '' && !line.startsWith('----'));
    if (first === undefined) return 0;
    return RECORD_LINE.test(first) ? 0.95 : 0;
  },
  open: (file, sink) => new AuditdDecoder(file, sink),
};
