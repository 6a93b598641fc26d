/**
 * How fast do the endpoint decoders turn raw logs into NormalizedEvents? Builds, in memory and
 * deterministically, SIZE_MB (default 32) of each: Sysmon EID 1 XML (wevtutil style, one
 * event per line), Sysmon evtx-JSON lines, Winlogbeat JSON lines, and auditd execve events
 * (SYSCALL/EXECVE/CWD/PATH/PROCTITLE/EOE), then times `decodeText` (detect + decode) on each.
 * Prints MB/s and events/s. Run: `npm run bench -- ingest-endpoint`.
 */
import { cpus } from 'node:os';
import { decodeText } from '../src/ingest/index.js';

const SIZE_MB = Number(process.env.SIZE_MB ?? 32);
const TARGET = SIZE_MB * 1024 * 1024;

function fill(make: (n: number) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let n = 0; size < TARGET; n++) {
    const line = make(n);
    parts.push(line);
    size += line.length + 1;
  }
  return `${parts.join('\n')}\n`;
}

const image = (n: number) => `C:\\Program Files\\App${n % 97}\\bin\\tool${n % 13}.exe`;

const CASES: Record<string, (n: number) => string> = {
  'windows-xml': (n) =>
    `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Sysmon" Guid="{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"/><EventID>1</EventID><Version>5</Version><Level>4</Level><TimeCreated SystemTime="2026-03-02T10:15:00.${String(n % 1000).padStart(3, '0')}0000Z"/><EventRecordID>${n}</EventRecordID><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>ws${n % 50}.corp.example</Computer></System><EventData><Data Name="ProcessId">${n}</Data><Data Name="Image">${image(n)}</Data><Data Name="CommandLine">"${image(n)}" --run ${n} &amp;&amp; echo</Data><Data Name="User">CORP\\user${n % 200}</Data><Data Name="ParentImage">C:\\Windows\\explorer.exe</Data></EventData></Event>`,
  'windows-evtx-json': (n) =>
    JSON.stringify({
      Event: {
        System: {
          Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
          EventID: 1,
          TimeCreated: { '#attributes': { SystemTime: '2026-03-02T10:15:00.000Z' } },
          EventRecordID: n,
          Channel: 'Microsoft-Windows-Sysmon/Operational',
          Computer: `ws${n % 50}`,
        },
        EventData: {
          ProcessId: n,
          Image: image(n),
          CommandLine: `"${image(n)}" --run ${n}`,
          User: 'CORP\\u',
        },
      },
    }),
  'windows-agent-json': (n) =>
    JSON.stringify({
      '@timestamp': '2026-03-02T10:15:00.000Z',
      winlog: {
        channel: 'Microsoft-Windows-Sysmon/Operational',
        event_id: '1',
        provider_name: 'Microsoft-Windows-Sysmon',
        computer_name: `ws${n % 50}`,
        event_data: {
          ProcessId: String(n),
          Image: image(n),
          CommandLine: `"${image(n)}" --run ${n}`,
        },
      },
    }),
  'linux-auditd': (n) => {
    const head = `msg=audit(1772446800.${String(n % 1000).padStart(3, '0')}:${n + 1}):`;
    return [
      `type=SYSCALL ${head} arch=c000003e syscall=59 success=yes exit=0 a0=55d5 a1=55d6 a2=55d7 a3=0 items=2 ppid=${n} pid=${n + 1} auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm="tool" exe="/usr/bin/tool${n % 13}" key="exec"`,
      `type=EXECVE ${head} argc=3 a0="tool" a1="--run" a2=${Buffer.from(`/tmp/job ${n}`).toString('hex').toUpperCase()}`,
      `type=CWD ${head} cwd="/tmp"`,
      `type=PATH ${head} item=0 name="/usr/bin/tool" inode=1 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL`,
      `type=PROCTITLE ${head} proctitle=746F6F6C002D2D72756E`,
      `type=EOE ${head}`,
    ].join('\n');
  },
};

console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'cpu'}, ${SIZE_MB} MB per case`);
console.log('case                 MB/s    events/s   events');
for (const [name, make] of Object.entries(CASES)) {
  const text = fill(make);
  const bytes = Buffer.byteLength(text);
  const start = process.hrtime.bigint();
  const out = decodeText(text, { file: name });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (out.format !== name || out.issues.length > 0) {
    throw new Error(`${name}: detected ${out.format}, ${out.issues.length} issues`);
  }
  const mbps = bytes / 1024 / 1024 / seconds;
  console.log(
    `${name.padEnd(20)} ${mbps.toFixed(1).padStart(6)} ${Math.round(out.events.length / seconds)
      .toString()
      .padStart(11)} ${out.events.length.toString().padStart(8)}`,
  );
}
