/**
 * Conformance table: rule detection + event + expected result. Each case runs through the
 * compiled engine and the reference evaluator (test/sigma/conformance.test.ts). Sources:
 * the Sigma rules specification v2.1.0 examples (§Detection, §Condition), the modifiers
 * appendix, sigma-notes §1.1 (escaping) and docs/sigma-semantics.md (our decisions).
 */
import type { Logsource } from '../../src/logsource.js';

export interface ConformanceCase {
  readonly name: string;
  /** The `detection:` block, YAML, indented by two spaces. */
  readonly detection: string;
  readonly event: Record<string, unknown>;
  readonly expected: boolean;
}

const whoami = `
  selection:
    Image: 'C:\\Windows\\System32\\whoami.exe'
  condition: selection`;

const keywords = `
  keywords:
    - 'EVILSERVICE'
    - 'svchost.exe -n evil'
  condition: keywords`;

const listOfMaps = `
  selection:
    - Image|endswith: '\\\\example.exe'
    - Description|contains: 'Test executable'
  condition: selection`;

const eventIds = `
  selection:
    EventLog: Security
    EventID:
      - 517
      - 1102
  condition: selection`;

const ticket = `
  selection:
    EventLog: Security
    EventID: 4769
    TicketOptions: '0x40810000'
    TicketEncryption: '0x17'
  condition: selection`;

const passwordNull = `
  selection:
    EventID: 4738
  filter:
    PasswordLastSet: null
  condition: selection and not filter`;

const emptyOrNull = `
  selection_main:
    FieldA: 'something'
  selection_empty1:
    FieldB: ''
  selection_empty2:
    FieldB: null
  condition: selection_main and 1 of selection_empty*`;

const emptyOrNullList = `
  selection_main:
    FieldA: 'something'
    FieldB:
      - ''
      - null
  condition: selection_main`;

const exists = `
  selection:
    EventID: 4738
    PasswordLastSet|exists: true
  condition: selection`;

const mimikatz = `
  mimikatz_keywords:
    - 'event::clear'
    - 'event::drop'
  condition: mimikatz_keywords`;

const keywordsAll = `
  keywords_cmdlet:
    '|all':
      - 'OabVirtualDirectory'
      - ' -ExternalUrl '
  condition: keywords_cmdlet`;

/** Examples of the rules specification (sigma-rules-specification.md). */
export const SPEC_EXAMPLES: readonly ConformanceCase[] = [
  {
    name: 'spec whoami: exact path, any case',
    detection: whoami,
    event: { Image: 'c:\\windows\\system32\\WHOAMI.EXE' },
    expected: true,
  },
  {
    name: 'spec whoami: other image',
    detection: whoami,
    event: { Image: 'C:\\Windows\\System32\\cmd.exe' },
    expected: false,
  },
  {
    name: 'spec whoami: exact means whole value',
    detection: whoami,
    event: { Image: 'C:\\Windows\\System32\\whoami.exe.bak' },
    expected: false,
  },
  {
    name: 'spec keywords: substring of any string value',
    detection: keywords,
    event: { Message: 'service EVILSERVICE installed' },
    expected: true,
  },
  {
    name: 'spec keywords: second keyword, nested value',
    detection: keywords,
    event: { a: { b: ['C:\\svchost.exe -n evil -x'] } },
    expected: true,
  },
  {
    name: 'spec keywords: none present',
    detection: keywords,
    event: { Message: 'svchost.exe -k netsvcs' },
    expected: false,
  },
  {
    name: 'spec list of maps: first map',
    detection: listOfMaps,
    event: { Image: 'C:\\tmp\\example.exe' },
    expected: true,
  },
  {
    name: 'spec list of maps: second map',
    detection: listOfMaps,
    event: { Description: 'A Test Executable here' },
    expected: true,
  },
  {
    name: 'spec list of maps: neither',
    detection: listOfMaps,
    event: { Image: 'C:\\tmp\\example.dll' },
    expected: false,
  },
  {
    name: 'spec EventID list: 1102',
    detection: eventIds,
    event: { EventLog: 'Security', EventID: 1102 },
    expected: true,
  },
  {
    name: 'spec EventID list: numeric string',
    detection: eventIds,
    event: { EventLog: 'security', EventID: '517' },
    expected: true,
  },
  {
    name: 'spec EventID list: other id',
    detection: eventIds,
    event: { EventLog: 'Security', EventID: 4624 },
    expected: false,
  },
  {
    name: 'spec map AND: all four',
    detection: ticket,
    event: {
      EventLog: 'Security',
      EventID: 4769,
      TicketOptions: '0x40810000',
      TicketEncryption: '0x17',
    },
    expected: true,
  },
  {
    name: 'spec map AND: one differs',
    detection: ticket,
    event: {
      EventLog: 'Security',
      EventID: 4769,
      TicketOptions: '0x40810000',
      TicketEncryption: '0x12',
    },
    expected: false,
  },
  {
    name: 'spec null filter: field absent is filtered',
    detection: passwordNull,
    event: { EventID: 4738 },
    expected: false,
  },
  {
    name: 'spec null filter: field null is filtered',
    detection: passwordNull,
    event: { EventID: 4738, PasswordLastSet: null },
    expected: false,
  },
  {
    name: 'spec null filter: field set matches',
    detection: passwordNull,
    event: { EventID: 4738, PasswordLastSet: '2024-01-01' },
    expected: true,
  },
  {
    name: "spec '' or null: empty",
    detection: emptyOrNull,
    event: { FieldA: 'something', FieldB: '' },
    expected: true,
  },
  {
    name: "spec '' or null: absent",
    detection: emptyOrNull,
    event: { FieldA: 'something' },
    expected: true,
  },
  {
    name: "spec '' or null: set",
    detection: emptyOrNull,
    event: { FieldA: 'something', FieldB: 'x' },
    expected: false,
  },
  {
    name: "spec ['', null] list: empty",
    detection: emptyOrNullList,
    event: { FieldA: 'something', FieldB: '' },
    expected: true,
  },
  {
    name: "spec ['', null] list: null",
    detection: emptyOrNullList,
    event: { FieldA: 'something', FieldB: null },
    expected: true,
  },
  {
    name: "spec ['', null] list: set",
    detection: emptyOrNullList,
    event: { FieldA: 'something', FieldB: 'y' },
    expected: false,
  },
  {
    name: 'spec exists: present (even null)',
    detection: exists,
    event: { EventID: 4738, PasswordLastSet: null },
    expected: true,
  },
  { name: 'spec exists: absent', detection: exists, event: { EventID: 4738 }, expected: false },
  {
    name: 'spec mimikatz keywords',
    detection: mimikatz,
    event: { CommandLine: 'mimikatz.exe "event::drop" exit' },
    expected: true,
  },
  {
    name: "spec '|all' keywords: both",
    detection: keywordsAll,
    event: { a: 'Set-OabVirtualDirectory', b: 'x -ExternalUrl y' },
    expected: true,
  },
  {
    name: "spec '|all' keywords: one missing",
    detection: keywordsAll,
    event: { a: 'Set-OabVirtualDirectory -InternalUrl z' },
    expected: false,
  },
];

const single = (key: string, value: string, condition = 'sel') => `
  sel:
    ${key}: ${value}
  condition: ${condition}`;

/** Every modifier of the modifiers appendix (v2.1.0). */
export const MODIFIER_CASES: readonly ConformanceCase[] = [
  {
    name: 'contains: substring, any case',
    detection: single('CommandLine|contains', "'-EncodedCommand'"),
    event: { CommandLine: 'powershell -encodedcommand AAA' },
    expected: true,
  },
  {
    name: 'contains: absent field',
    detection: single('CommandLine|contains', "'x'"),
    event: {},
    expected: false,
  },
  {
    name: 'startswith',
    detection: single('Image|startswith', "'C:\\Windows\\'"),
    event: { Image: 'c:\\windows\\x.exe' },
    expected: true,
  },
  {
    name: 'startswith: not at start',
    detection: single('Image|startswith', "'Windows'"),
    event: { Image: 'C:\\Windows' },
    expected: false,
  },
  {
    name: 'endswith',
    detection: single('Image|endswith', "'\\cmd.exe'"),
    event: { Image: 'C:\\x\\CMD.EXE' },
    expected: true,
  },
  {
    name: 'endswith: not at end',
    detection: single('Image|endswith', "'cmd'"),
    event: { Image: 'cmd.exe' },
    expected: false,
  },
  {
    name: 'contains|all: every value',
    detection: single('CommandLine|contains|all', "['-a', '-b']"),
    event: { CommandLine: 'x -b -a' },
    expected: true,
  },
  {
    name: 'contains|all: one missing',
    detection: single('CommandLine|contains|all', "['-a', '-b']"),
    event: { CommandLine: 'x -a' },
    expected: false,
  },
  {
    name: 'cased: exact case matches',
    detection: single('User|cased', "'Admin'"),
    event: { User: 'Admin' },
    expected: true,
  },
  {
    name: 'cased: other case does not',
    detection: single('User|cased', "'Admin'"),
    event: { User: 'admin' },
    expected: false,
  },
  {
    name: 'contains|cased',
    detection: single('CommandLine|contains|cased', "'IEX'"),
    event: { CommandLine: 'iex (x)' },
    expected: false,
  },
  {
    name: 'exists: false and absent',
    detection: single('Token|exists', 'false'),
    event: { a: 1 },
    expected: true,
  },
  {
    name: 'exists: false and present',
    detection: single('Token|exists', 'false'),
    event: { Token: '' },
    expected: false,
  },
  {
    name: 'neq: different value',
    detection: single('verb|neq', 'get'),
    event: { verb: 'create' },
    expected: true,
  },
  {
    name: 'neq: same value (any case)',
    detection: single('verb|neq', 'get'),
    event: { verb: 'GET' },
    expected: false,
  },
  {
    name: 'neq: absent field does not match',
    detection: single('verb|neq', 'get'),
    event: {},
    expected: false,
  },
  {
    name: 'neq: list means different from all',
    detection: single('verb|neq', '[get, list]'),
    event: { verb: 'list' },
    expected: false,
  },
  {
    name: 'neq: number',
    detection: single('code|neq', '200'),
    event: { code: 403 },
    expected: true,
  },
  {
    name: 'windash: slash for dash',
    detection: single('CommandLine|windash|contains', "' -enc '"),
    event: { CommandLine: 'powershell /enc AAA' },
    expected: true,
  },
  {
    name: 'windash: en dash',
    detection: single('CommandLine|windash|contains', "' -enc '"),
    event: { CommandLine: 'powershell \u2013enc AAA' },
    expected: true,
  },
  {
    name: 'windash: em dash',
    detection: single('CommandLine|windash|contains', "' -enc '"),
    event: { CommandLine: 'powershell \u2014enc AAA' },
    expected: true,
  },
  {
    name: 'windash: horizontal bar',
    detection: single('CommandLine|windash|contains', "' -enc '"),
    event: { CommandLine: 'powershell \u2015enc AAA' },
    expected: true,
  },
  {
    name: 'windash: other character',
    detection: single('CommandLine|windash|contains', "' -enc '"),
    event: { CommandLine: 'powershell +enc AAA' },
    expected: false,
  },
  {
    name: 're: substring semantics',
    detection: single('CommandLine|re', "'ab+c'"),
    event: { CommandLine: 'xxabbbcxx' },
    expected: true,
  },
  {
    name: 're: case-sensitive by default',
    detection: single('CommandLine|re', "'ABC'"),
    event: { CommandLine: 'abc' },
    expected: false,
  },
  {
    name: 're|i: insensitive',
    detection: single('CommandLine|re|i', "'ABC'"),
    event: { CommandLine: 'abc' },
    expected: true,
  },
  {
    name: 're: anchors are explicit',
    detection: single('CommandLine|re', "'^abc$'"),
    event: { CommandLine: 'xabc' },
    expected: false,
  },
  {
    name: 're|m: ^ at line start',
    detection: single('Text|re|m', "'^second'"),
    event: { Text: 'first\nsecond' },
    expected: true,
  },
  {
    name: 're without m: ^ only at text start',
    detection: single('Text|re', "'^second'"),
    event: { Text: 'first\nsecond' },
    expected: false,
  },
  {
    name: 're|s: dot matches newline',
    detection: single('Text|re|s', "'first.second'"),
    event: { Text: 'first\nsecond' },
    expected: true,
  },
  {
    name: 're without s: dot stops at newline',
    detection: single('Text|re', "'first.second'"),
    event: { Text: 'first\nsecond' },
    expected: false,
  },
  {
    name: 're: backslash escapes are regex escapes',
    detection: single('Path|re', "'C:\\\\Users\\\\[^\\\\]+\\\\AppData'"),
    event: { Path: 'C:\\Users\\bob\\AppData\\x' },
    expected: true,
  },
  {
    name: 'base64: exact encoding',
    detection: single('Data|base64', "'cmd'"),
    event: { Data: 'Y21k' },
    expected: true,
  },
  {
    name: 'base64|contains',
    detection: single('Data|base64|contains', "'http://'"),
    event: { Data: 'xxaHR0cDovL' + 'w==' },
    expected: true,
  },
  {
    name: 'base64offset|contains: shift 0',
    detection: single('CommandLine|base64offset|contains', "'whoami'"),
    event: { CommandLine: `-e ${Buffer.from('whoami /all').toString('base64')}` },
    expected: true,
  },
  {
    name: 'base64offset|contains: shift 1',
    detection: single('CommandLine|base64offset|contains', "'whoami'"),
    event: { CommandLine: `-e ${Buffer.from('1whoami /all').toString('base64')}` },
    expected: true,
  },
  {
    name: 'base64offset|contains: shift 2',
    detection: single('CommandLine|base64offset|contains', "'whoami'"),
    event: { CommandLine: `-e ${Buffer.from('12whoami /all').toString('base64')}` },
    expected: true,
  },
  {
    name: 'base64offset|contains: other text',
    detection: single('CommandLine|base64offset|contains', "'whoami'"),
    event: { CommandLine: `-e ${Buffer.from('hostname').toString('base64')}` },
    expected: false,
  },
  {
    name: 'wide|base64offset|contains: PowerShell -enc',
    detection: single('CommandLine|wide|base64offset|contains', "'IEX'"),
    event: {
      CommandLine: `powershell -enc ${Buffer.from('x; IEX (New-Object)', 'utf16le').toString('base64')}`,
    },
    expected: true,
  },
  {
    name: 'utf16le|base64offset|contains = wide',
    detection: single('CommandLine|utf16le|base64offset|contains', "'IEX'"),
    event: { CommandLine: `${Buffer.from('ab IEX', 'utf16le').toString('base64')}` },
    expected: true,
  },
  {
    name: 'utf16be|base64|contains',
    detection: single('Data|utf16be|base64', "'cmd'"),
    event: { Data: Buffer.from([0, 0x63, 0, 0x6d, 0, 0x64]).toString('base64') },
    expected: true,
  },
  {
    name: 'utf16|base64: byte order mark first',
    detection: single('Data|utf16|base64', "'cmd'"),
    event: { Data: Buffer.from([0xff, 0xfe, 0x63, 0, 0x6d, 0, 0x64, 0]).toString('base64') },
    expected: true,
  },
  {
    name: 'wide|contains on raw UTF-16 text',
    detection: single('Data|wide|contains', "'cmd'"),
    event: { Data: 'x\u0000c\u0000m\u0000d\u0000' },
    expected: true,
  },
  {
    name: 'cidr v4: inside',
    detection: single('ip|cidr', "'10.0.0.0/8'"),
    event: { ip: '10.20.30.40' },
    expected: true,
  },
  {
    name: 'cidr v4: outside',
    detection: single('ip|cidr', "'10.0.0.0/8'"),
    event: { ip: '11.0.0.1' },
    expected: false,
  },
  {
    name: 'cidr v4: /0 takes every v4',
    detection: single('ip|cidr', "'0.0.0.0/0'"),
    event: { ip: '203.0.113.9' },
    expected: true,
  },
  {
    name: 'cidr v4: odd prefix /23',
    detection: single('ip|cidr', "'192.168.2.0/23'"),
    event: { ip: '192.168.3.255' },
    expected: true,
  },
  {
    name: 'cidr v6: inside',
    detection: single('ip|cidr', "'fe80::/10'"),
    event: { ip: 'FE80::1ff:fe23:4567:890a' },
    expected: true,
  },
  {
    name: 'cidr v6: outside',
    detection: single('ip|cidr', "'fe80::/10'"),
    event: { ip: 'fec0::1' },
    expected: false,
  },
  {
    name: 'cidr v6: IPv4-mapped tail',
    detection: single('ip|cidr', "'::ffff:0:0/96'"),
    event: { ip: '::ffff:192.0.2.1' },
    expected: true,
  },
  {
    name: 'cidr: v4 network never takes v6',
    detection: single('ip|cidr', "'0.0.0.0/0'"),
    event: { ip: '::1' },
    expected: false,
  },
  {
    name: 'cidr: list of networks, array of IPs',
    detection: single('sourceIPs|cidr', "['10.0.0.0/8', '192.168.0.0/16']"),
    event: { sourceIPs: ['203.0.113.1', '192.168.1.1'] },
    expected: true,
  },
  {
    name: 'cidr: not an IP',
    detection: single('ip|cidr', "'10.0.0.0/8'"),
    event: { ip: '10.x' },
    expected: false,
  },
  { name: 'lt', detection: single('n|lt', '10'), event: { n: 9 }, expected: true },
  {
    name: 'lt: equal is not less',
    detection: single('n|lt', '10'),
    event: { n: 10 },
    expected: false,
  },
  { name: 'lte: equal', detection: single('n|lte', '10'), event: { n: 10 }, expected: true },
  {
    name: 'gt: numeric string',
    detection: single('n|gt', '10'),
    event: { n: '11' },
    expected: true,
  },
  {
    name: 'gt: not a number',
    detection: single('n|gt', '10'),
    event: { n: 'eleven' },
    expected: false,
  },
  { name: 'gte: float', detection: single('n|gte', '1.5'), event: { n: 1.5 }, expected: true },
  {
    name: 'hour (UTC)',
    detection: single('time|hour', '3'),
    event: { time: '2026-11-20T03:15:00Z' },
    expected: true,
  },
  {
    name: 'hour: other zone converted to UTC',
    detection: single('time|hour', '3'),
    event: { time: '2026-11-20T04:15:00+01:00' },
    expected: true,
  },
  {
    name: 'hour|gte: off-hours',
    detection: single('time|hour|gte', '22'),
    event: { time: '2026-11-20T23:00:00Z' },
    expected: true,
  },
  {
    name: 'minute',
    detection: single('time|minute', '15'),
    event: { time: '2026-11-20T03:15:00Z' },
    expected: true,
  },
  {
    name: 'day',
    detection: single('time|day', '20'),
    event: { time: '2026-11-20T03:15:00Z' },
    expected: true,
  },
  {
    name: 'month',
    detection: single('time|month', '11'),
    event: { time: '2026-11-20T03:15:00Z' },
    expected: true,
  },
  {
    name: 'year',
    detection: single('time|year', '2026'),
    event: { time: '2026-11-20T03:15:00Z' },
    expected: true,
  },
  {
    name: 'week: ISO week 53 exists',
    detection: single('time|week', '53'),
    event: { time: '2026-12-31T12:00:00Z' },
    expected: true,
  },
  {
    name: 'week: epoch milliseconds',
    detection: single('time|week', '47'),
    event: { time: Date.UTC(2026, 10, 20) },
    expected: true,
  },
  {
    name: 'time part: not a date',
    detection: single('time|hour', '3'),
    event: { time: 'soon' },
    expected: false,
  },
  {
    name: 'fieldref: equal fields',
    detection: single('user.username|fieldref', 'impersonatedUser.username'),
    event: { user: { username: 'Bob' }, impersonatedUser: { username: 'bob' } },
    expected: true,
  },
  {
    name: 'fieldref: different fields',
    detection: single('user.username|fieldref', 'impersonatedUser.username'),
    event: { user: { username: 'bob' }, impersonatedUser: { username: 'eve' } },
    expected: false,
  },
  {
    name: 'fieldref|neq',
    detection: single('user.username|fieldref|neq', 'impersonatedUser.username'),
    event: { user: { username: 'bob' }, impersonatedUser: { username: 'eve' } },
    expected: true,
  },
  {
    name: 'fieldref|contains',
    detection: single('CommandLine|fieldref|contains', 'Image'),
    event: { CommandLine: '"c:\\x.exe" /q', Image: 'C:\\x.exe' },
    expected: true,
  },
  {
    name: 'fieldref: absent reference',
    detection: single('a|fieldref', 'b'),
    event: { a: 'x' },
    expected: false,
  },
];

/** Wildcards and the backslash escaping, as sigma-notes §1.1 quotes the specification. */
export const ESCAPE_CASES: readonly ConformanceCase[] = [
  {
    name: '* matches any run',
    detection: single('v', "'a*c'"),
    event: { v: 'abbbc' },
    expected: true,
  },
  {
    name: '* matches the empty run',
    detection: single('v', "'a*c'"),
    event: { v: 'ac' },
    expected: true,
  },
  {
    name: '? matches exactly one character',
    detection: single('v', "'a?c'"),
    event: { v: 'abc' },
    expected: true,
  },
  {
    name: '? does not match zero characters',
    detection: single('v', "'a?c'"),
    event: { v: 'ac' },
    expected: false,
  },
  {
    name: '\\* is a literal star',
    detection: single('v', "'a\\*c'"),
    event: { v: 'a*c' },
    expected: true,
  },
  {
    name: '\\* is not a wildcard',
    detection: single('v', "'a\\*c'"),
    event: { v: 'abc' },
    expected: false,
  },
  {
    name: '\\? is a literal question mark',
    detection: single('v', "'what\\?'"),
    event: { v: 'what?' },
    expected: true,
  },
  {
    name: '\\? is not a wildcard',
    detection: single('v', "'what\\?'"),
    event: { v: 'whatx' },
    expected: false,
  },
  {
    name: 'plain backslash before a letter stays',
    detection: single('v', "'C:\\Windows'"),
    event: { v: 'C:\\Windows' },
    expected: true,
  },
  {
    name: 'double backslash before a letter is one backslash',
    detection: single('v', "'C:\\\\Windows'"),
    event: { v: 'C:\\Windows' },
    expected: true,
  },
  {
    name: '\\\\* is a backslash then a wildcard',
    detection: single('v', "'C:\\\\*'"),
    event: { v: 'C:\\anything' },
    expected: true,
  },
  {
    name: '\\\\* needs the backslash',
    detection: single('v', "'C:\\\\*'"),
    event: { v: 'C:anything' },
    expected: false,
  },
  {
    name: '\\\\\\* is a backslash and a literal star',
    detection: single('v', "'C:\\\\\\*'"),
    event: { v: 'C:\\*' },
    expected: true,
  },
  {
    name: '\\\\\\* does not wildcard',
    detection: single('v', "'C:\\\\\\*'"),
    event: { v: 'C:\\x' },
    expected: false,
  },
  {
    name: 'four backslashes are two',
    detection: single('v', "'a\\\\\\\\b'"),
    event: { v: 'a\\\\b' },
    expected: true,
  },
  {
    name: 'three backslashes are two',
    detection: single('v', "'a\\\\\\b'"),
    event: { v: 'a\\\\b' },
    expected: true,
  },
  {
    name: 'a trailing backslash is kept',
    detection: single('v', "'dir\\'"),
    event: { v: 'dir\\' },
    expected: true,
  },
  {
    name: 'pySigma oracle escaped\\*\\?\\\\*?',
    detection: single('v', "'escaped\\*\\?\\\\*?'"),
    event: { v: 'escaped*?\\XYZ!' },
    expected: true,
  },
  {
    name: 'pySigma oracle needs the final ? char',
    detection: single('v', "'escaped\\*\\?\\\\*?'"),
    event: { v: 'escaped*?\\' },
    expected: false,
  },
  {
    name: 'wildcards are case-insensitive too',
    detection: single('v', "'*WHOAMI*'"),
    event: { v: 'c:\\whoami.exe' },
    expected: true,
  },
  {
    name: 'contains with inner wildcard',
    detection: single('v|contains', "'a*b'"),
    event: { v: 'xxaZZbxx' },
    expected: true,
  },
  {
    name: 'literal star in a cron schedule',
    detection: single('schedule', "'\\* \\* \\* \\* \\*'"),
    event: { schedule: '* * * * *' },
    expected: true,
  },
  {
    name: 'unescaped star schedule is a wildcard',
    detection: single('schedule', "'* * * * *'"),
    event: { schedule: '0 3 1 1 1' },
    expected: true,
  },
];

const searches = `
  a:
    f: a
  b:
    f: b
  c:
    g: c`;

/** Condition grammar and precedence (least to most binding: or, and, not, x of, parentheses). */
export const CONDITION_CASES: readonly ConformanceCase[] = [
  {
    name: 'and binds tighter than or (true via a)',
    detection: `${searches}\n  condition: a or b and c`,
    event: { f: 'a' },
    expected: true,
  },
  {
    name: 'and binds tighter than or (b without c)',
    detection: `${searches}\n  condition: a or b and c`,
    event: { f: 'b' },
    expected: false,
  },
  {
    name: 'parentheses override precedence',
    detection: `${searches}\n  condition: (a or b) and c`,
    event: { f: 'a' },
    expected: false,
  },
  {
    name: 'parentheses: both sides',
    detection: `${searches}\n  condition: (a or b) and c`,
    event: { f: 'b', g: 'c' },
    expected: true,
  },
  {
    name: 'not binds tighter than and',
    detection: `${searches}\n  condition: not a and c`,
    event: { f: 'b', g: 'c' },
    expected: true,
  },
  {
    name: 'not binds tighter than and (a set)',
    detection: `${searches}\n  condition: not a and c`,
    event: { f: 'a', g: 'c' },
    expected: false,
  },
  {
    name: 'not binds tighter than or',
    detection: `${searches}\n  condition: not a or c`,
    event: { f: 'a', g: 'c' },
    expected: true,
  },
  {
    name: 'double not',
    detection: `${searches}\n  condition: not not a`,
    event: { f: 'a' },
    expected: true,
  },
  {
    name: 'not (x or y)',
    detection: `${searches}\n  condition: not (a or c)`,
    event: { f: 'b' },
    expected: true,
  },
  {
    name: '1 of pattern',
    detection: `\n  sel_a:\n    f: a\n  sel_b:\n    f: b\n  other:\n    f: c\n  condition: 1 of sel_*`,
    event: { f: 'b' },
    expected: true,
  },
  {
    name: '1 of pattern ignores non-matching names',
    detection: `\n  sel_a:\n    f: a\n  other:\n    f: c\n  condition: 1 of sel_*`,
    event: { f: 'c' },
    expected: false,
  },
  {
    name: 'any of = 1 of',
    detection: `\n  sel_a:\n    f: a\n  sel_b:\n    g: b\n  condition: any of sel_*`,
    event: { g: 'b' },
    expected: true,
  },
  {
    name: 'all of pattern: all true',
    detection: `\n  sel_a:\n    f: a\n  sel_b:\n    g: b\n  condition: all of sel_*`,
    event: { f: 'a', g: 'b' },
    expected: true,
  },
  {
    name: 'all of pattern: one false',
    detection: `\n  sel_a:\n    f: a\n  sel_b:\n    g: b\n  condition: all of sel_*`,
    event: { f: 'a' },
    expected: false,
  },
  {
    name: '1 of them',
    detection: `${searches}\n  condition: 1 of them`,
    event: { g: 'c' },
    expected: true,
  },
  {
    name: 'all of them',
    detection: `\n  a:\n    f: a\n  b:\n    g: b\n  condition: all of them`,
    event: { f: 'a', g: 'b' },
    expected: true,
  },
  {
    name: 'them excludes _ identifiers',
    detection: `\n  a:\n    f: a\n  _b:\n    g: b\n  condition: all of them`,
    event: { f: 'a' },
    expected: true,
  },
  {
    name: '_ identifiers by pattern starting with _',
    detection: `\n  a:\n    f: a\n  _b:\n    g: b\n  condition: a and 1 of _*`,
    event: { f: 'a' },
    expected: false,
  },
  {
    name: 'x of binds tighter than not',
    detection: `\n  sel_a:\n    f: a\n  sel_b:\n    g: b\n  condition: not 1 of sel_*`,
    event: { h: 'z' },
    expected: true,
  },
  {
    name: '1 of x and not 1 of y',
    detection: `\n  selection_a:\n    f: a\n  filter_a:\n    g: b\n  condition: 1 of selection* and not 1 of filter*`,
    event: { f: 'a', g: 'b' },
    expected: false,
  },
  {
    name: 'a list of conditions is OR-linked',
    detection: `${searches}\n  condition:\n    - a\n    - c`,
    event: { g: 'c' },
    expected: true,
  },
  {
    name: 'identifiers with dashes',
    detection: `\n  sel-1:\n    f: a\n  condition: sel-1`,
    event: { f: 'a' },
    expected: true,
  },
];

/** Fields, values and types (docs/sigma-semantics.md decisions). */
export const FIELD_CASES: readonly ConformanceCase[] = [
  {
    name: 'dotted name walks nested objects',
    detection: single('objectRef.resource', 'cronjobs'),
    event: { objectRef: { resource: 'cronjobs' } },
    expected: true,
  },
  {
    name: 'any member of an array matches',
    detection: single('spec.containers.image|startswith', 'evil'),
    event: { spec: { containers: [{ image: 'nginx' }, { image: 'evil/miner' }] } },
    expected: true,
  },
  {
    name: 'deep arrays: containers.securityContext.privileged',
    detection: single(
      'requestObject.spec.template.spec.containers.securityContext.privileged',
      'true',
    ),
    event: {
      requestObject: {
        spec: {
          template: {
            spec: {
              containers: [
                { securityContext: { privileged: false } },
                { securityContext: { privileged: true } },
              ],
            },
          },
        },
      },
    },
    expected: true,
  },
  {
    name: 'array of scalars at the end',
    detection: single('user.groups', "'system:masters'"),
    event: { user: { groups: ['system:authenticated', 'system:masters'] } },
    expected: true,
  },
  {
    name: 'literal dotted key wins over the walk',
    detection: single('a.b', 'literal'),
    event: { 'a.b': 'literal', a: { b: 'nested' } },
    expected: true,
  },
  {
    name: 'literal dotted key wins (nested value not used)',
    detection: single('a.b', 'nested'),
    event: { 'a.b': 'literal', a: { b: 'nested' } },
    expected: false,
  },
  {
    name: 'literal dotted key at a deeper level',
    detection: single('annotations.authorization.k8s.io/decision', 'allow'),
    event: { annotations: { 'authorization.k8s.io/decision': 'allow' } },
    expected: true,
  },
  {
    name: 'prototype keys are not fields',
    detection: single('constructor|exists', 'true'),
    event: {},
    expected: false,
  },
  {
    name: 'number matches number',
    detection: single('code', '403'),
    event: { code: 403 },
    expected: true,
  },
  {
    name: 'number matches numeric string',
    detection: single('code', '403'),
    event: { code: '403' },
    expected: true,
  },
  {
    name: 'string matches number (compared as text)',
    detection: single('code', "'403'"),
    event: { code: 403 },
    expected: true,
  },
  {
    name: 'number does not match other number',
    detection: single('code', '403'),
    event: { code: 401 },
    expected: false,
  },
  {
    name: 'number written in hex keeps its source text',
    detection: single('flags', '0x10'),
    event: { flags: '0x10' },
    expected: true,
  },
  {
    name: 'number written in hex equals its value',
    detection: single('flags', '0x10'),
    event: { flags: 16 },
    expected: true,
  },
  {
    name: 'boolean matches boolean',
    detection: single('privileged', 'true'),
    event: { privileged: true },
    expected: true,
  },
  {
    name: 'boolean matches "true" text',
    detection: single('privileged', 'true'),
    event: { privileged: 'True' },
    expected: true,
  },
  {
    name: 'boolean false is not null',
    detection: single('privileged', 'null'),
    event: { privileged: false },
    expected: false,
  },
  {
    name: "'' does not match an absent field",
    detection: single('f', "''"),
    event: {},
    expected: false,
  },
  {
    name: "'' does not match null",
    detection: single('f', "''"),
    event: { f: null },
    expected: false,
  },
  {
    name: 'null does not match empty string',
    detection: single('f', 'null'),
    event: { f: '' },
    expected: false,
  },
  {
    name: 'null matches an empty array',
    detection: single('f', 'null'),
    event: { f: [] },
    expected: true,
  },
  {
    name: "'*' matches any string, not absence",
    detection: single('hostPath', "'*'"),
    event: {},
    expected: false,
  },
  {
    name: "'*' matches an empty string",
    detection: single('hostPath', "'*'"),
    event: { hostPath: '' },
    expected: true,
  },
  {
    name: "'*' does not match an object",
    detection: single('hostPath', "'*'"),
    event: { hostPath: { path: '/' } },
    expected: false,
  },
  {
    name: 'exists true on an object',
    detection: single('hostPath|exists', 'true'),
    event: { hostPath: { path: '/' } },
    expected: true,
  },
  {
    name: 'exists through an array',
    detection: single('volumes.hostPath|exists', 'true'),
    event: { volumes: [{ name: 'a' }, { hostPath: { path: '/' } }] },
    expected: true,
  },
  {
    name: 'exists through an array: none has it',
    detection: single('volumes.hostPath|exists', 'true'),
    event: { volumes: [{ name: 'a' }] },
    expected: false,
  },
  {
    name: 'Unicode case folding beyond ASCII',
    detection: single('v', "'ÄRGER'"),
    event: { v: 'ärger' },
    expected: true,
  },
  {
    name: 'field names are case-sensitive',
    detection: single('Image', "'x'"),
    event: { image: 'x' },
    expected: false,
  },
  {
    name: 'keywords search numbers? no, strings only',
    detection: '\n  kw:\n    - 4688\n  condition: kw',
    event: { EventID: 4688 },
    expected: false,
  },
  {
    name: 'keywords search nested strings',
    detection: '\n  kw:\n    - mimikatz\n  condition: kw',
    event: { a: { b: [{ c: 'run MIMIKATZ now' }] } },
    expected: true,
  },
  {
    name: 'keywords do not search field names',
    detection: '\n  kw:\n    - mimikatz\n  condition: kw',
    event: { mimikatz: 'x' },
    expected: false,
  },
];

/** A rule logsource, an event logsource, and whether the rule runs on the event. */
export interface RoutingCase {
  readonly name: string;
  readonly rule: Logsource;
  readonly event: Logsource;
  readonly expected: boolean;
}

/**
 * Logsource routing (docs/sigma-semantics.md §6; Sigma taxonomy appendix: `registry_event`
 * covers registry_add, registry_set and registry_delete).
 */
export const ROUTING_CASES: readonly RoutingCase[] = [
  {
    name: 'equal product and category',
    rule: { product: 'windows', category: 'process_creation' },
    event: { product: 'windows', category: 'process_creation' },
    expected: true,
  },
  {
    name: 'fields compare case-insensitively',
    rule: { product: 'Windows', category: 'Process_Creation' },
    event: { product: 'windows', category: 'process_creation' },
    expected: true,
  },
  {
    name: 'a rule without category runs on every category of its product',
    rule: { product: 'windows' },
    event: { product: 'windows', category: 'file_event', service: 'sysmon' },
    expected: true,
  },
  {
    name: 'a rule category needs an event category',
    rule: { product: 'windows', category: 'process_creation' },
    event: { product: 'windows' },
    expected: false,
  },
  {
    name: 'registry_event covers registry_add',
    rule: { product: 'windows', category: 'registry_event' },
    event: { product: 'windows', category: 'registry_add' },
    expected: true,
  },
  {
    name: 'registry_event covers registry_set',
    rule: { product: 'windows', category: 'registry_event' },
    event: { product: 'windows', category: 'registry_set' },
    expected: true,
  },
  {
    name: 'registry_event covers registry_delete',
    rule: { product: 'windows', category: 'registry_event' },
    event: { product: 'windows', category: 'registry_delete' },
    expected: true,
  },
  {
    name: 'registry_event covers registry_rename',
    rule: { product: 'windows', category: 'registry_event' },
    event: { product: 'windows', category: 'Registry_Rename' },
    expected: true,
  },
  {
    name: 'the umbrella does not work backwards: registry_set does not take registry_event',
    rule: { product: 'windows', category: 'registry_set' },
    event: { product: 'windows', category: 'registry_event' },
    expected: false,
  },
  {
    name: 'registry_event does not cover other categories',
    rule: { product: 'windows', category: 'registry_event' },
    event: { product: 'windows', category: 'file_event' },
    expected: false,
  },
  {
    name: 'the umbrella still needs the product',
    rule: { product: 'windows', category: 'registry_event' },
    event: { product: 'linux', category: 'registry_set' },
    expected: false,
  },
];
