import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadKubeconfig } from './kubeconfig.js';

async function withConfig(
  user: string,
  check: (file: string, dir: string) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cw-kc-'));
  try {
    const file = join(dir, 'config');
    await writeFile(join(dir, 'ca.crt'), 'CA-PEM');
    await writeFile(join(dir, 'token'), 'file-token\n');
    await writeFile(
      join(dir, 'plugin.mjs'),
      `process.stdout.write(JSON.stringify({apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: {token: 'exec-' + process.env.EXTRA}}));`,
    );
    await writeFile(
      file,
      `apiVersion: v1
kind: Config
current-context: main
clusters:
- name: c
  cluster: {server: "https://api.example.test:6443/", certificate-authority: ca.crt}
contexts:
- name: main
  context: {cluster: c, user: u}
users:
- name: u
  user: ${user}
`,
    );
    await check(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('the current context resolves server, a relative CA file and a token file', async () => {
  await withConfig('{tokenFile: token}', async (file) => {
    const connection = loadKubeconfig({ kubeconfig: file });
    assert.equal(connection.context, 'main');
    assert.equal(connection.server, 'https://api.example.test:6443');
    assert.equal(connection.ca?.toString(), 'CA-PEM');
    assert.equal(await connection.authorization(), 'Bearer file-token');
  });
});

test('an exec credential plugin is run once and its token used', async () => {
  const plugin = `{exec: {apiVersion: client.authentication.k8s.io/v1, command: "${process.execPath}", args: [PLUGIN], env: [{name: EXTRA, value: ok}]}}`;
  await withConfig(plugin, async (file, dir) => {
    const { readFile } = await import('node:fs/promises');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('PLUGIN', join(dir, 'plugin.mjs')),
    );
    const connection = loadKubeconfig({ kubeconfig: file });
    assert.equal(await connection.authorization(), 'Bearer exec-ok');
  });
});

test('auth-provider users are refused with CW_INV_KUBECONFIG at the kubeconfig', async () => {
  await withConfig('{auth-provider: {name: gcp}}', async (file) => {
    assert.throws(
      () => loadKubeconfig({ kubeconfig: file }),
      (error: Error & { code?: string; location?: { file: string } }) => {
        assert.equal(error.code, 'CW_INV_KUBECONFIG');
        assert.equal(error.location?.file, file);
        return true;
      },
    );
  });
});

test('KUBECONFIG from the environment is used when no path is given', async () => {
  await withConfig('{token: t}', async (file) => {
    const connection = loadKubeconfig({ env: { KUBECONFIG: file } });
    assert.equal(await connection.authorization(), 'Bearer t');
  });
});
