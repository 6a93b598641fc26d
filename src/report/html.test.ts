import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAMPLE_FINDINGS, SAMPLE_INCIDENT, sampleReport } from '../../test/report-fixture.js';
import type { Finding } from '../finding.js';
import type { Incident } from '../incident.js';
import { escapeHtml, formatHtml } from './html.js';

const HOSTILE = [
  '</script><script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '"><svg onload=alert(3)>',
  "' onmouseover='alert(4)",
  '</style><style>body{display:none}</style>',
  '<!-- -->&amp;<![CDATA[x]]>',
  'javascript:alert(5)',
];
const hostile = HOSTILE.join(' ');

function hostileReport() {
  const base = SAMPLE_FINDINGS[0]!;
  const finding: Finding = {
    ...base,
    rule: { id: `CW-666${HOSTILE[2]}`, title: hostile, source: 'sigma' },
    message: hostile,
    tags: [hostile],
    origin: { file: `logs/${HOSTILE[1]}.log`, line: 1 },
    matched: [{ field: hostile, value: { [hostile]: hostile } }],
    object: { kind: hostile, namespace: hostile, name: hostile },
    evidence: [hostile],
    remediation: hostile,
    related: [{ file: hostile, index: 0 }],
    incident: `INC-1${HOSTILE[3]}`,
  };
  const incident: Incident = {
    ...SAMPLE_INCIDENT,
    id: `INC-1${HOSTILE[3]}`,
    title: hostile,
    root: { kind: hostile, name: hostile },
    chain: SAMPLE_INCIDENT.chain.map((link) => ({ ...link, name: hostile, detail: hostile })),
    createdBy: { ...SAMPLE_INCIDENT.createdBy!, user: hostile, userAgent: hostile },
    rules: [hostile],
  };
  const report = sampleReport([finding], [incident]);
  return {
    ...report,
    summary: {
      ...report.summary,
      command: hostile,
      inputs: [{ path: hostile, format: hostile, records: 1, malformed: 0 }],
      recordsByFormat: { [hostile]: 1 },
      blindSpots: [{ reason: hostile, count: 1 }],
      issues: [
        {
          code: 'CW_IO' as const,
          severity: 'error' as const,
          message: hostile,
          location: { file: hostile, line: 2 },
        },
      ],
    },
  };
}

test('escapeHtml escapes the five HTML-special characters', () => {
  assert.equal(
    escapeHtml(`<a href="x">'&'</a>`),
    '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
  );
});

test('hostile strings in every field never become markup', () => {
  const html = formatHtml(hostileReport());
  assert.equal(html.match(/<script/gi)?.length, 1, 'only our own script element');
  assert.equal(html.match(/<style/gi)?.length, 1, 'only our own style element');
  assert.equal(html.match(/<\/script>/gi)?.length, 1);
  assert.doesNotMatch(html, /<img|<svg onload|<!--|<!\[CDATA/i);
  // Every event-handler-looking attribute must sit inside escaped text, never in a tag.
  // Quoted attribute values are data (escaped, so they hold no quote); the rest is markup.
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    const markup = tag.slice(1).replace(/"[^"]*"/g, '""');
    assert.doesNotMatch(markup, /\son[a-z]+\s*=/i, `tag carries an event handler: ${tag}`);
    assert.doesNotMatch(markup, /[<'`]/, `tag broke out of its attribute: ${tag}`);
    assert.doesNotMatch(tag, /(href|src)="javascript:/i, `tag carries a javascript: URL: ${tag}`);
  }
  assert.ok(html.includes(escapeHtml(HOSTILE[0]!)), 'the text is still shown, escaped');
});

test('the page is self-contained: no external URL is fetched and a CSP pins the inline code', () => {
  const html = formatHtml(sampleReport());
  assert.doesNotMatch(html, /\s(src|href)="(https?:)?\/\//i);
  assert.doesNotMatch(html, /@import|url\((?!#)/i, 'only same-document url(#…) references');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'CSP meta present');
  assert.match(csp, /default-src &#39;none&#39;/);
  assert.match(csp, /script-src &#39;sha256-[A-Za-z0-9+/=]+&#39;/);
});

test('the page shows the summary chart, the filters, every finding and the incident chain', () => {
  const html = formatHtml(sampleReport());
  assert.match(html, /<svg role="img" aria-label="Findings by level"/);
  assert.match(html, /<select id="f-level">/);
  assert.match(html, /<select id="f-rule">/);
  assert.match(html, /<input id="f-text"/);
  assert.equal(html.match(/<tr data-level=/g)?.length, SAMPLE_FINDINGS.length);
  assert.match(html, /aria-label="lineage"/);
  for (const kind of ['CronJob', 'Job', 'Pod', 'container', 'process']) {
    assert.match(html, new RegExp(`font-weight="600">${kind}</text>`));
  }
  assert.match(html, /Created by <b>alice@example.com<\/b>/);
  assert.match(
    html,
    /<details><summary>1 other path with findings<\/summary><svg role="img" aria-label="lineage"/,
  );
  assert.match(html, /id="inc-INC-5f2a9c"/);
  assert.match(html, /href="#inc-INC-5f2a9c"/);
});
