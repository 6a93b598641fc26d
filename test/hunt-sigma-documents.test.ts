/**
 * `hunt --sigma` runs Sigma correlation and filter documents, not only detection rules:
 * correlation findings point at the records behind them (`related[]`), filters suppress
 * matches (of pack rules too), and worker threads change nothing (correlations run on the
 * calling thread over every piece's matches in record order).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { generateAuditLog } from '../bench/audit-log.lib.js';
import type { Finding, FindingOrigin } from '../src/finding.js';
import { hunt } from '../src/hunt.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-hunt-sigma-docs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const RULE = `title: CronJob created
id: 5b0c1a52-7d3e-4a57-9a34-2f1d7c0e9a01
name: cronjob_created
status: experimental
logsource:
  product: kubernetes
  service: audit
detection:
  selection:
    verb: create
    objectRef.resource: cronjobs
  condition: selection
level: low
`;

const CORRELATION = `title: Burst of CronJob creates by one user
id: 5b0c1a52-7d3e-4a57-9a34-2f1d7c0e9a02
correlation:
  type: event_count
  rules:
    - cronjob_created
  group-by:
    - user.username
  timespan: 1m
  condition:
    gte: 3
  generate: true
level: high
`;

const FILTER = `title: Alice is our release engineer
id: 5b0c1a52-7d3e-4a57-9a34-2f1d7c0e9a03
logsource:
  product: kubernetes
  service: audit
filter:
  rules:
    - cronjob_created
    - fce515d2-45b1-4cd7-97a2-9f715c191bab
  selection:
    user.username: alice@example.com
  condition: not selection
`;

let log = '';
let lines: string[] = [];
before(async () => {
  log = join(dir, 'audit.log');
  await generateAuditLog(log, 12_000_000, 7); // above the split size: 3 workers get pieces
  lines = readFileSync(log, 'utf8').split('\n');
  writeFileSync(join(dir, 'rule.yml'), RULE);
  writeFileSync(join(dir, 'correlation.yml'), CORRELATION);
  writeFileSync(join(dir, 'filter.yml'), FILTER);
});

function plain(findings: readonly Finding[]): unknown {
  return JSON.parse(JSON.stringify(findings));
}

function recordAt(origin: FindingOrigin): Record<string, unknown> {
  assert.ok('line' in origin, 'audit lines have line origins');
  return JSON.parse(lines[origin.line - 1]!) as Record<string, unknown>;
}

test('correlation findings carry the records behind them; 1 and 3 workers agree', async () => {
  const sigma = [join(dir, 'rule.yml'), join(dir, 'correlation.yml')];
  const one = await hunt({ paths: [log], sigma });
  assert.ok(
    !one.report.summary.issues.some((issue) => issue.code === 'CW_SIGMA_DOCUMENT_KIND'),
    'no "not run" warning any more',
  );
  const bursts = one.report.findings.filter((f) => f.rule.source === 'correlation');
  assert.ok(bursts.length > 0, 'the burst correlation fires on the generated log');
  assert.ok(one.report.rules.some((rule) => rule.source === 'correlation'));
  for (const burst of bursts) {
    assert.ok(burst.origin, 'a correlation finding points at its last record');
    const records = [...(burst.related ?? []), burst.origin].map(recordAt);
    assert.ok(records.length >= 3, `gte 3 records behind it (${records.length})`);
    const users = new Set(records.map((r) => (r.user as { username: string }).username));
    assert.equal(users.size, 1, 'grouped by one user');
    for (const record of records) {
      assert.equal(record.verb, 'create');
      assert.equal((record.objectRef as { resource: string }).resource, 'cronjobs');
    }
  }
  // generate: true keeps the referenced rule's own findings.
  assert.ok(one.report.findings.some((f) => f.rule.title === 'CronJob created'));
  const three = await hunt({ paths: [log], sigma, workers: 3 });
  assert.deepEqual(plain(three.report.findings), plain(one.report.findings));
});

test('without generate: true the referenced rule only feeds the correlation', async () => {
  const quiet = join(dir, 'quiet.yml');
  writeFileSync(quiet, CORRELATION.replace('  generate: true\n', ''));
  const run = await hunt({ paths: [log], sigma: [join(dir, 'rule.yml'), quiet] });
  assert.ok(run.report.findings.some((f) => f.rule.source === 'correlation'));
  assert.ok(!run.report.findings.some((f) => f.rule.title === 'CronJob created'));
});

test('a filter document suppresses the matches it targets, pack rules included', async () => {
  const paths = [log];
  const unfiltered = await hunt({ paths, sigma: [join(dir, 'rule.yml')] });
  const filtered = await hunt({ paths, sigma: [join(dir, 'rule.yml'), join(dir, 'filter.yml')] });
  const split = await hunt({
    paths,
    sigma: [join(dir, 'rule.yml'), join(dir, 'filter.yml')],
    workers: 3,
  });
  assert.deepEqual(plain(split.report.findings), plain(filtered.report.findings));
  const byAlice = (findings: readonly Finding[], title: string) =>
    findings
      .filter((f) => f.rule.title === title && f.origin && recordAt(f.origin).user !== undefined)
      .filter(
        (f) => (recordAt(f.origin!).user as { username: string }).username === 'alice@example.com',
      );
  // CW-001 of the pack (k8s audit), targeted by its UUID.
  for (const title of [
    'CronJob created',
    'CronJob or Job Created, Replaced or Patched by a Non-Controller Principal',
  ]) {
    assert.ok(byAlice(unfiltered.report.findings, title).length > 0, `${title} fires for alice`);
    assert.equal(byAlice(filtered.report.findings, title).length, 0, `${title} is filtered`);
  }
  // Everyone else's findings are untouched.
  const others = (findings: readonly Finding[]) =>
    plain(
      findings.filter(
        (f) =>
          !f.origin ||
          (recordAt(f.origin).user as { username?: string } | undefined)?.username !==
            'alice@example.com',
      ),
    );
  assert.deepEqual(others(filtered.report.findings), others(unfiltered.report.findings));
});
