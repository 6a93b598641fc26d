import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cidrContains, parseCidr, parseIp } from './cidr.js';
import { base64Offsets, latin1, utf16, utf16be, utf16le } from './encoding.js';
import { isoWeek, timePart } from './time-part.js';
import { windashVariants } from './windash.js';

test('base64offset gives the three shifted encodings with unstable edges cut', () => {
  // pySigma's documented example values for "/c" style offsets are derived the same way.
  const variants = base64Offsets(new TextEncoder().encode('http'));
  assert.equal(variants.length, 3);
  for (const [shift, variant] of variants.entries()) {
    const encoded = Buffer.from(`${'x'.repeat(shift)}http://example`).toString('base64');
    assert.ok(encoded.includes(variant), `shift ${shift}: ${variant} in ${encoded}`);
  }
});

test('utf16 encodings: le, be, and the byte order mark', () => {
  assert.deepEqual([...utf16le('cmd')], [0x63, 0, 0x6d, 0, 0x64, 0]);
  assert.deepEqual([...utf16be('cmd')], [0, 0x63, 0, 0x6d, 0, 0x64]);
  assert.deepEqual([...utf16('cmd')], [0xff, 0xfe, 0x63, 0, 0x6d, 0, 0x64, 0]);
  assert.equal(latin1(utf16le('a')), 'a\u0000');
});

test('windash expands every dash-like character into the five variants', () => {
  assert.deepEqual(windashVariants('-a'), ['-a', '/a', '\u2013a', '\u2014a', '\u2015a']);
  assert.equal(windashVariants('-a /b').length, 25);
  assert.deepEqual(windashVariants('none'), ['none']);
});

test('cidr parses v4 and v6 networks and checks membership by prefix', () => {
  const v4 = parseCidr('172.16.0.0/12')!;
  assert.ok(cidrContains(v4, parseIp('172.31.255.255')!));
  assert.ok(!cidrContains(v4, parseIp('172.32.0.0')!));
  const v6 = parseCidr('2001:db8::/32')!;
  assert.ok(cidrContains(v6, parseIp('2001:0db8:ffff::1')!));
  assert.ok(!cidrContains(v6, parseIp('2001:db9::1')!));
  assert.equal(parseCidr('1.2.3.4/33'), undefined);
  assert.equal(parseCidr('1::2::3/64'), undefined);
  assert.equal(parseIp('256.1.1.1'), undefined);
  assert.deepEqual(parseIp('::1')?.words, [0, 0, 0, 0, 0, 0, 0, 1]);
});

test('time parts are taken in UTC and weeks are ISO weeks', () => {
  const ms = Date.parse('2027-01-01T23:30:00Z');
  assert.equal(timePart('hour', ms), 23);
  assert.equal(timePart('year', ms), 2027);
  assert.equal(isoWeek(new Date(ms)), 53); // 2027-01-01 belongs to ISO week 53 of 2026
  assert.equal(isoWeek(new Date(Date.UTC(2026, 0, 5))), 2);
});
