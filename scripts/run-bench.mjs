#!/usr/bin/env node
// Runs one benchmark (bench/<name>.ts) or all of them: `npm run bench -- sigma`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const names = process.argv.slice(2);
const all = readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && !f.includes('.lib.') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));
const chosen = names.length ? names : all;
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`unknown benchmark "${name}"; known: ${all.join(', ')}`);
    process.exit(2);
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
