import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeText } from '../src/ingest/read-events.js';
import { sharedPath, skipUnlessShared } from './shared-data.js';

test('the 59 kube-audit-rest AdmissionReviews (58 lines + an unterminated last one) decode as audit Events', {
  skip: skipUnlessShared('data', 'real', 'kube-audit-rest', 'kube-audit-rest.log'),
}, () => {
  const file = sharedPath('data', 'real', 'kube-audit-rest', 'kube-audit-rest.log');
  const out = decodeText(readFileSync(file, 'utf8'), { file });
  assert.equal(out.format, 'admission-review');
  assert.deepEqual(out.issues, []);
  assert.equal(out.events.length, 59);
  const byResource = new Map<string, number>();
  for (const event of out.events) {
    const ref = event.data.objectRef as { resource: string };
    const key = `${String(event.data.verb)} ${ref.resource}`;
    byResource.set(key, (byResource.get(key) ?? 0) + 1);
  }
  assert.deepEqual(Object.fromEntries([...byResource].sort()), {
    'create events': 13,
    'create selfsubjectaccessreviews': 44,
    'update endpoints': 1,
    'update endpointslices': 1,
  });
});
