import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourceAddress } from './network.js';

const CASES: { text: string; expected: ReturnType<typeof sourceAddress> }[] = [
  { text: '203.0.113.7', expected: { ip: '203.0.113.7', network: '203.0.113.0/24' } },
  { text: '::ffff:10.0.0.9', expected: { ip: '10.0.0.9', network: '10.0.0.0/24' } },
  {
    text: '2001:DB8::1',
    expected: { ip: '2001:db8:0:0:0:0:0:1', network: '2001:db8:0:0::/64' },
  },
  {
    text: '2001:db8:1:2:3:4:5:6',
    expected: { ip: '2001:db8:1:2:3:4:5:6', network: '2001:db8:1:2::/64' },
  },
  { text: 'fe80::1%eth0', expected: { ip: 'fe80:0:0:0:0:0:0:1', network: 'fe80:0:0:0::/64' } },
  { text: 'not-an-ip', expected: undefined },
  { text: '999.1.1.1', expected: undefined },
];

for (const { text, expected } of CASES) {
  test(`source address ${text} is in ${expected?.network ?? 'no network'}`, () => {
    assert.deepEqual(sourceAddress(text), expected);
  });
}
