/** Loads `test/fixtures/rbac-cluster/*.yaml` as inventory objects (shared by RBAC tests). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { K8sObject } from '../src/inventory/object.js';
import { objectsFromYaml } from './k8s-yaml.js';

export const RBAC_FIXTURE_DIR = new URL('./fixtures/rbac-cluster/', import.meta.url).pathname;

export function loadRbacFixture(): K8sObject[] {
  return readdirSync(RBAC_FIXTURE_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .flatMap((name) =>
      objectsFromYaml(readFileSync(join(RBAC_FIXTURE_DIR, name), 'utf8'), `rbac-cluster/${name}`),
    );
}
