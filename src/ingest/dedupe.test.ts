import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditDedupe } from './dedupe.js';
import type { NormalizedEvent } from './event.js';

function audit(
  auditID: string | undefined,
  stage: string | undefined,
  extra: Record<string, unknown> = {},
  timeMs = 0,
): NormalizedEvent {
  const data: Record<string, unknown> = { ...extra };
  if (auditID !== undefined) data.auditID = auditID;
  if (stage !== undefined) data.stage = stage;
  return {
    format: 'k8s-audit',
    logsource: { product: 'kubernetes', service: 'audit' },
    timeMs,
    data,
    origin: { file: 'f', line: 1 },
  };
}

test('a request is evaluated at ResponseComplete; other stages are set aside', () => {
  const dedupe = new AuditDedupe();
  assert.equal(dedupe.check(audit('a', 'RequestReceived')), 'other-stage');
  assert.equal(dedupe.check(audit('a', 'ResponseComplete')), 'keep');
  assert.equal(dedupe.check(audit('a', 'ResponseComplete')), 'duplicate');
  assert.equal(dedupe.check(audit('w', 'ResponseStarted', { verb: 'watch' })), 'other-stage');
  assert.equal(dedupe.check(audit('p', 'Panic')), 'keep');
});

test('exec, attach and portforward are evaluated at ResponseStarted', () => {
  const dedupe = new AuditDedupe();
  for (const subresource of ['exec', 'attach', 'portforward']) {
    const objectRef = { resource: 'pods', subresource };
    assert.equal(dedupe.check(audit(subresource, 'ResponseStarted', { objectRef })), 'keep');
    assert.equal(
      dedupe.check(audit(subresource, 'ResponseComplete', { objectRef })),
      'other-stage',
    );
  }
});

test('events without auditID or stage are kept; non-audit events are never touched', () => {
  const dedupe = new AuditDedupe();
  assert.equal(dedupe.check(audit(undefined, 'ResponseComplete')), 'keep');
  assert.equal(dedupe.check(audit(undefined, 'ResponseComplete')), 'keep');
  assert.equal(dedupe.check(audit('n', undefined)), 'keep');
  assert.equal(dedupe.check(audit('n', undefined)), 'duplicate');
  const other: NormalizedEvent = {
    ...audit('x', 'RequestReceived'),
    logsource: { product: 'azure', service: 'activitylogs' },
  };
  assert.equal(dedupe.check(other), 'keep');
});

test('evaluate-once can be turned off to dedupe on auditID+stage only', () => {
  const dedupe = new AuditDedupe({ isEvaluateOnce: false });
  assert.equal(dedupe.check(audit('a', 'RequestReceived')), 'keep');
  assert.equal(dedupe.check(audit('a', 'ResponseComplete')), 'keep');
  assert.equal(dedupe.check(audit('a', 'RequestReceived')), 'duplicate');
});

test('memory is bounded by the key budget and by the event-time window', () => {
  const byCount = new AuditDedupe({ maxEntries: 4 });
  for (const id of ['1', '2', '3', '4', '5', '6']) byCount.check(audit(id, 'ResponseComplete'));
  assert.ok(byCount.size <= 4, `holds ${byCount.size}`);
  assert.equal(byCount.check(audit('6', 'ResponseComplete')), 'duplicate', 'recent keys are kept');
  assert.equal(byCount.check(audit('1', 'ResponseComplete')), 'keep', 'the oldest were forgotten');
  const byTime = new AuditDedupe({ windowMs: 1000 });
  byTime.check(audit('old', 'ResponseComplete', {}, 0));
  assert.equal(byTime.check(audit('old', 'ResponseComplete', {}, 400)), 'duplicate');
  byTime.check(audit('new', 'ResponseComplete', {}, 5000));
  assert.equal(byTime.size, 1);
  assert.equal(byTime.check(audit('old', 'ResponseComplete', {}, 5001)), 'keep');
});

test('a million distinct requests all pass and the key budget holds', () => {
  const dedupe = new AuditDedupe({ maxEntries: 1000 });
  let kept = 0;
  for (let i = 0; i < 1_000_000; i++) {
    if (dedupe.check(audit(`id-${i}`, 'ResponseComplete')) === 'keep') kept++;
  }
  assert.equal(kept, 1_000_000);
  assert.ok(dedupe.size <= 1000);
});
