import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_POLICY } from './policy.js';
import { scoreJobWrite } from './score.js';
import { createBaselineScorer, maturityIssues } from './scorer.js';
import { isTestController, jobWrite, modelOf, observe, paymentsHistory } from './testing.js';

const model = modelOf(paymentsHistory());

/** A write that matches the history in every dimension (alice, 10:xx UTC on a Thursday). */
const usual = {
  time: '2026-11-05T10:20:00Z',
  verb: 'update' as const,
  serviceAccount: 'batch-runner',
};

function idsOf(options: Parameters<typeof jobWrite>[0]) {
  const assessment = scoreJobWrite(model, observe(jobWrite(options)), DEFAULT_POLICY);
  assert.ok(assessment, 'a mature baseline scores');
  return assessment.deviations.map((deviation) => deviation.id);
}

test('a write like the history has no deviation', () => {
  assert.deepEqual(idsOf(usual), []);
});

const DIMENSIONS: {
  name: string;
  options: Partial<Parameters<typeof jobWrite>[0]>;
  expected: string[];
}[] = [
  { name: 'a new creator', options: { user: 'bob@example.com' }, expected: ['BL-CREATOR'] },
  {
    name: 'an hour the creator never acts',
    options: { time: '2026-11-05T03:12:00Z' },
    expected: ['BL-HOUR'],
  },
  {
    name: 'a new service account',
    options: { serviceAccount: 'cluster-admin-sa' },
    expected: ['BL-SERVICE-ACCOUNT'],
  },
  {
    name: 'a new registry',
    options: { image: 'ghcr.io/x0r/job:1.0' },
    expected: ['BL-REGISTRY'],
  },
  {
    name: 'a new repository of a known registry',
    options: { image: 'registry.example.com/other/tool:2' },
    expected: ['BL-REPOSITORY'],
  },
  {
    name: 'a schedule much more frequent than any seen',
    options: { schedule: '*/5 * * * *' },
    expected: ['BL-SCHEDULE'],
  },
  {
    name: 'a new client',
    options: { userAgent: 'curl/8.5.0' },
    expected: ['BL-USER-AGENT'],
  },
  {
    name: 'a new source network',
    options: { sourceIP: '203.0.113.7' },
    expected: ['BL-NETWORK'],
  },
  {
    name: 'a new IPv6 /64',
    options: { sourceIP: '2001:db8:1:2::7' },
    expected: ['BL-NETWORK'],
  },
];

for (const { name, options, expected } of DIMENSIONS) {
  test(`scoring flags ${name} and nothing else`, () => {
    assert.deepEqual(idsOf({ ...usual, ...options }), expected);
  });
}

test('a new tag of a known image, a new IP in a known /24 and a patch release are not deviations', () => {
  assert.deepEqual(
    idsOf({
      ...usual,
      image: 'registry.example.com/app/job:1.1',
      sourceIP: '198.51.100.77',
      userAgent: 'kubectl/v1.30.9 (darwin/arm64) kubernetes/abc',
    }),
    [],
  );
});

test('the weekday check needs enough writes: 30 daily writes cover every weekday', () => {
  const weekdayOnly = modelOf(
    paymentsHistory(40).filter((event) => {
      const day = new Date(event.timeMs).getUTCDay();
      return day !== 0 && day !== 6;
    }),
  );
  const assessment = scoreJobWrite(
    weekdayOnly,
    observe(jobWrite({ ...usual, time: '2026-11-07T10:20:00Z' })), // a Saturday
    DEFAULT_POLICY,
  );
  assert.deepEqual(
    assessment?.deviations.map((d) => d.id),
    ['BL-WEEKDAY'],
  );
  assert.match(assessment?.deviations[0]?.explanation ?? '', /never on a Saturday/);
});

test('the hour explanation names the quiet stretch and the time of the write', () => {
  const assessment = scoreJobWrite(
    model,
    observe(jobWrite({ ...usual, time: '2026-11-05T03:12:00Z' })),
    DEFAULT_POLICY,
  );
  assert.equal(
    assessment?.deviations[0]?.explanation,
    'alice@example.com has written 30 jobs since 2026-10-01, only ever between 10:00 and 11:00 UTC; this one was written at 03:12 UTC',
  );
});

test('an unknown namespace is judged against the cluster and says so', () => {
  const assessment = scoreJobWrite(
    model,
    observe(jobWrite({ ...usual, namespace: 'kube-system' })),
    DEFAULT_POLICY,
  );
  assert.equal(assessment?.scope, 'cluster');
  assert.deepEqual(
    assessment?.deviations.map((d) => d.id),
    ['BL-NAMESPACE'],
  );
});

test('an immature baseline scores nothing and the report says why', () => {
  const young = modelOf(paymentsHistory(5));
  const scorer = createBaselineScorer(young, { isKnownPrincipal: isTestController });
  const attack = jobWrite({
    time: '2026-11-05T03:12:00Z',
    user: 'mallory@contractor.example',
    image: 'ghcr.io/x0r/x:1',
    sourceIP: '203.0.113.66',
  });
  assert.deepEqual(scorer(attack), []);
  const [issue] = maturityIssues(young, 'store.db');
  assert.equal(issue?.code, 'CW_BASELINE_IMMATURE');
  assert.deepEqual(issue?.location, { file: 'store.db' });
  assert.match(issue?.message ?? '', /5 job write\(s\) over 4\.0 day\(s\)/);
});

test('a mature cluster with a young namespace names that namespace in the warning', () => {
  const mixed = modelOf([
    ...paymentsHistory(),
    jobWrite({ ...usual, namespace: 'sandbox', auditID: 'sandbox-1' }),
  ]);
  const [issue] = maturityIssues(mixed, 'store.db');
  assert.match(issue?.message ?? '', /sandbox \(1 write\(s\) over 0\.0 day\(s\)\)/);
});

test('the scorer turns deviations into one explained finding with its score and level', () => {
  const scorer = createBaselineScorer(model, { isKnownPrincipal: isTestController });
  const [finding, ...rest] = scorer(
    jobWrite({
      time: '2026-11-05T03:12:00Z',
      user: 'mallory@contractor.example',
      image: 'ghcr.io/x0r/x:1',
      sourceIP: '203.0.113.66',
      schedule: '* * * * *',
      line: 42,
    }),
  );
  assert.equal(rest.length, 0);
  assert.ok(finding);
  assert.equal(finding.rule.id, 'CW-BL-001');
  assert.equal(finding.rule.source, 'baseline');
  assert.equal(finding.level, 'high');
  assert.deepEqual(finding.origin, { file: 'audit.jsonl', line: 42 });
  // creator 4 + service account `default` 2 + registry 4 + schedule 3 + network 3 (no hour
  // check: mallory has no history)
  assert.deepEqual(finding.matched[0], { field: 'baseline.score', value: 16 });
  assert.match(finding.message, /^mallory@contractor.example created CronJob payments\/nightly: /);
  assert.match(finding.message, /\(baseline score 16\)$/);
  assert.match(finding.evidence?.[0] ?? '', /^baseline of namespace payments: 30 job writes/);
  assert.ok(finding.evidence?.some((line) => line.startsWith('BL-SCHEDULE +3: ')));
});

test('controllers are not scored, and low scores raise no finding', () => {
  const scorer = createBaselineScorer(model, { isKnownPrincipal: isTestController });
  assert.deepEqual(
    scorer(jobWrite({ ...usual, user: 'system:serviceaccount:kube-system:cronjob-controller' })),
    [],
  );
  // A new repository alone weighs 1, below the minimum score of 3.
  assert.deepEqual(scorer(jobWrite({ ...usual, image: 'registry.example.com/other/tool:2' })), []);
});

test('denied and dry-run writes are neither learned nor scored', () => {
  assert.equal(
    createBaselineScorer(model, { isKnownPrincipal: isTestController })(
      jobWrite({ ...usual, user: 'mallory@contractor.example', code: 403 }),
    ).length,
    0,
  );
});

test('a short quiet stretch is named as such', () => {
  // alice acts at every hour but 01:00-05:00 UTC.
  const events = [];
  for (let day = 0; day < 30; day++) {
    for (const hour of [0, 5, 6, 8, 10, 12, 14, 16, 18, 20, 22]) {
      events.push(
        jobWrite({
          ...usual,
          time: new Date(Date.UTC(2026, 9, 1 + day, hour, 30)).toISOString(),
          auditID: `h-${day}-${hour}`,
        }),
      );
    }
  }
  const assessment = scoreJobWrite(
    modelOf(events),
    observe(jobWrite({ ...usual, time: '2026-11-05T03:12:00Z' })),
    DEFAULT_POLICY,
  );
  assert.equal(
    assessment?.deviations[0]?.explanation,
    'alice@example.com has written 330 jobs since 2026-10-01, never between 01:00 and 05:00 UTC; this one was written at 03:12 UTC',
  );
});

test('the usual writer in a new namespace scores 2: no finding', () => {
  const scorer = createBaselineScorer(model, { isKnownPrincipal: isTestController });
  const event = jobWrite({ ...usual, namespace: 'reports' });
  assert.equal(scoreJobWrite(model, observe(event), DEFAULT_POLICY)?.score, 2);
  assert.deepEqual(scorer(event), []);
});

test('a human writing where only machines did is said in words', () => {
  const machines = modelOf(
    paymentsHistory().map((event) => ({
      ...event,
      data: {
        ...event.data,
        user: { username: 'system:serviceaccount:ci:deployer', groups: ['system:serviceaccounts'] },
      },
    })),
  );
  const assessment = scoreJobWrite(machines, observe(jobWrite(usual)), DEFAULT_POLICY);
  const creator = assessment?.deviations.find((deviation) => deviation.id === 'BL-CREATOR');
  assert.equal(
    creator?.explanation,
    'alice@example.com (human) has never written a CronJob or Job anywhere in the cluster; known writers in namespace payments: system:serviceaccount:ci:deployer (until now only machines wrote jobs there)',
  );
});
