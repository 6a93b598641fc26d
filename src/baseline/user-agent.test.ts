import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeUserAgent } from './user-agent.js';

const CASES: { header: string | undefined; expected: ReturnType<typeof normalizeUserAgent> }[] = [
  {
    header: 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350',
    expected: { product: 'kubectl', normalized: 'kubectl/v1.30' },
  },
  {
    header:
      'kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:cronjob-controller',
    expected: { product: 'kube-controller-manager', normalized: 'kube-controller-manager/v1.30' },
  },
  {
    header: 'kubectl.exe/v1.30.2 (windows/amd64) kubernetes/3968350',
    expected: { product: 'kubectl', normalized: 'kubectl/v1.30' },
  },
  {
    header: 'kubectl/v1.29.3-eks-ae9a62a (linux/amd64)',
    expected: { product: 'kubectl', normalized: 'kubectl/v1.29' },
  },
  { header: 'Helm/3.15.2', expected: { product: 'helm', normalized: 'Helm/3.15' } },
  { header: 'curl/8.5.0', expected: { product: 'curl', normalized: 'curl/8.5' } },
  {
    header: 'Go-http-client/2.0',
    expected: { product: 'go-http-client', normalized: 'Go-http-client/2.0' },
  },
  {
    header: 'main/v0.0.0 (linux/amd64) kubernetes/$Format',
    expected: { product: 'main', normalized: 'main/v0.0' },
  },
  {
    header: 'python-requests',
    expected: { product: 'python-requests', normalized: 'python-requests' },
  },
  { header: '', expected: undefined },
  { header: undefined, expected: undefined },
];

for (const { header, expected } of CASES) {
  test(`user agent ${JSON.stringify(header)} normalises to ${expected?.normalized ?? 'nothing'}`, () => {
    assert.deepEqual(normalizeUserAgent(header), expected);
  });
}
