import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseManifest } from './manifest.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;

test('multi-document YAML keeps the start line of every object', () => {
  const text = `# Source: chart/templates/sa.yaml\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: runner\n---\n${DEPLOYMENT}`;
  const inventory = parseManifest(text, 'm.yaml');
  assert.deepEqual(inventory.issues, []);
  assert.deepEqual(
    inventory.objects.map((o) => [o.kind, o.metadata.name, o.origin.line]),
    [
      ['ServiceAccount', 'runner', 3],
      ['Deployment', 'web', 8],
    ],
  );
  assert.equal(inventory.objects[1]?.metadata.namespace, 'shop');
});

test('List items each keep their own line, in YAML and in JSON', () => {
  const yamlList = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: b}\n`;
  const fromYaml = parseManifest(yamlList, 'l.yaml');
  assert.deepEqual(
    fromYaml.objects.map((o) => [o.metadata.name, o.origin.line]),
    [
      ['a', 4],
      ['b', 7],
    ],
  );
  const json = JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'PodList',
      items: [
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q' }, spec: {} },
      ],
    },
    null,
    2,
  );
  const fromJson = parseManifest(json, 'l.json');
  assert.deepEqual(
    fromJson.objects.map((o) => [o.metadata.name, o.origin.line]),
    [
      ['p', 5],
      ['q', 15],
    ],
  );
});

test('a syntax error is reported at its line and the next document is still read', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n---\n${DEPLOYMENT}`;
  const inventory = parseManifest(text, 'bad.yaml');
  assert.deepEqual(
    inventory.objects.map((o) => o.metadata.name),
    ['ok', 'web'],
  );
  const [issue] = inventory.issues;
  assert.equal(issue?.code, 'CW_INV_YAML_SYNTAX');
  assert.equal(issue?.location?.file, 'bad.yaml');
  assert.ok((issue?.location?.line ?? 0) >= 9, `line ${issue?.location?.line}`);
});

test('a document over the size limit is skipped with its line, the rest is read', () => {
  const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "${'x'.repeat(50 * 1024 * 1024)}"\n`;
  const inventory = parseManifest(`${DEPLOYMENT}---\n${big}---\n${DEPLOYMENT}`, 'big.yaml');
  assert.equal(inventory.objects.length, 2);
  assert.equal(inventory.issues.length, 1);
  assert.equal(inventory.issues[0]?.code, 'CW_INV_DOCUMENT_TOO_LARGE');
  assert.deepEqual(inventory.issues[0]?.location, { file: 'big.yaml', line: 12 });
});

test('an alias bomb is refused with its line and does not stop the scan', () => {
  const bomb = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: lol}',
    'data:',
    '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    '  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    '  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    '  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    '  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    '  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  ].join('\n');
  const inventory = parseManifest(`${DEPLOYMENT}---\n${bomb}\n`, 'bomb.yaml');
  assert.deepEqual(
    inventory.objects.map((o) => o.metadata.name),
    ['web'],
  );
  assert.equal(inventory.issues[0]?.code, 'CW_INV_ALIAS_LIMIT');
  assert.equal(inventory.issues[0]?.location?.line, 13);
});

test('nesting past the depth limit is refused', () => {
  const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(200)}${']'.repeat(200)}\n`;
  const inventory = parseManifest(deep, 'deep.yaml');
  assert.equal(inventory.objects.length, 0);
  assert.equal(inventory.issues[0]?.code, 'CW_INV_DEPTH_LIMIT');
  assert.equal(inventory.issues[0]?.location?.line, 1);
});

test('a document that is not an object is reported, others are kept', () => {
  const inventory = parseManifest(
    `- just\n- a list\n---\nkind: Pod\nmetadata: {name: x}\n---\n${DEPLOYMENT}`,
    'x.yaml',
  );
  assert.deepEqual(
    inventory.objects.map((o) => o.kind),
    ['Deployment'],
  );
  assert.deepEqual(
    inventory.issues.map((i) => [i.code, i.location?.line]),
    [
      ['CW_INV_NOT_OBJECT', 1],
      ['CW_INV_NOT_OBJECT', 4],
    ],
  );
});

test('an unknown built-in kind is kept with a did-you-mean warning; custom kinds are quiet', () => {
  const text = `apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: typo}\n---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: tls}\n`;
  const inventory = parseManifest(text, 'k.yaml');
  assert.equal(inventory.objects.length, 2);
  assert.equal(inventory.issues.length, 1);
  assert.equal(inventory.issues[0]?.code, 'CW_INV_UNKNOWN_KIND');
  assert.equal(inventory.issues[0]?.severity, 'warning');
  assert.match(inventory.issues[0]?.message ?? '', /did you mean "Deployment"/);
  assert.deepEqual(inventory.issues[0]?.location, { file: 'k.yaml', line: 2, column: 7 });
});

test('wrong types in a pod template are reported at the field', () => {
  const text = `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 0 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          hostPID: "yes"
          containers:
            - name: c
              image: busybox
              securityContext:
                privileged: 1
`;
  const inventory = parseManifest(text, 't.yaml');
  assert.equal(inventory.objects.length, 1);
  assert.deepEqual(
    inventory.issues.map((i) => [i.code, i.location?.line]),
    [
      ['CW_INV_WRONG_TYPE', 10],
      ['CW_INV_WRONG_TYPE', 15],
    ],
  );
  assert.match(
    inventory.issues[0]?.message ?? '',
    /spec\.jobTemplate\.spec\.template\.spec\.hostPID/,
  );
});

test('Secret data and stringData never reach the inventory', () => {
  const text = `apiVersion: v1
kind: Secret
metadata:
  name: db
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"aHVudGVyMg=="}}'
type: Opaque
data:
  password: aHVudGVyMg==
stringData:
  token: hunter2
`;
  const inventory = parseManifest(text, 's.yaml');
  const [secret] = inventory.objects;
  assert.equal(secret?.body.type, 'Opaque');
  const serialized = JSON.stringify(inventory);
  assert.ok(!serialized.includes('aHVudGVyMg'), 'base64 value leaked');
  assert.ok(!serialized.includes('hunter2'), 'stringData leaked');
});

test('a JSON List larger than the YAML document limit is read by the JSON fast path, with lines', () => {
  const items = Array.from({ length: 6000 }, (_, i) => ({
    metadata: { name: `cm-${i}`, namespace: 'big', annotations: { filler: 'x'.repeat(500) } },
    data: { key: 'value' },
  }));
  const text = JSON.stringify(
    { apiVersion: 'v1', kind: 'ConfigMapList', metadata: {}, items },
    null,
    1,
  );
  assert.ok(Buffer.byteLength(text) > 3 * 1024 * 1024);
  const inventory = parseManifest(text, 'big.json');
  assert.deepEqual(inventory.issues, []);
  assert.equal(inventory.objects.length, 6000);
  assert.equal(inventory.objects[0]?.kind, 'ConfigMap');
  // Same lines as the YAML path gives for a small list of the same shape.
  const small = JSON.stringify(
    { apiVersion: 'v1', kind: 'ConfigMapList', metadata: {}, items: items.slice(0, 3) },
    null,
    1,
  );
  const fast = parseManifest(small, 's.json').objects.map((o) => o.origin.line);
  const slow = parseManifest(`# forces the YAML path\n${small}`, 's.json').objects.map(
    (o) => (o.origin.line ?? 0) - 1,
  );
  assert.deepEqual(fast, slow);
  assert.equal(
    inventory.objects[5999]?.origin.line,
    fast[0]! + 5999 * ((fast[1] ?? 0) - (fast[0] ?? 0)),
  );
});

test('an invalid JSON document too large for the YAML path gets the JSON error, not a size error', () => {
  const text = `{"apiVersion": "v1", "kind": "List", "items": [\n${'{"a": 1},\n'.repeat(400_000)}{"a": }\n]}`;
  const inventory = parseManifest(text, 'broken.json');
  assert.equal(inventory.issues[0]?.code, 'CW_INV_YAML_SYNTAX');
  assert.match(inventory.issues[0]?.message ?? '', /^invalid JSON: Unexpected token/);
  // V8 names the offset for some errors only; without it the document's first line is given.
  assert.ok([1, 400_002].includes(inventory.issues[0]?.location?.line ?? 0));
});
