import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { categoryCovers } from '../src/ingest/endpoint/categories.js';
import { decodeText } from '../src/ingest/read-events.js';
import { sharedPath, skipUnlessShared } from './shared-data.js';

const ROOT = sharedPath('data', 'real', 'sigmahq-rules');

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) jsonFiles(path, out);
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

interface RuleLogsource {
  product?: string;
  service?: string;
  category?: string;
}

/** Rule id → rule file, over every rule folder (a tested rule may have moved or been deprecated). */
function ruleFilesById(): Map<string, string> {
  const byId = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.yml')) {
        const id = /^id:\s*(\S+)/m.exec(readFileSync(path, 'utf8'))?.[1];
        if (id !== undefined) byId.set(id, path);
      }
    }
  };
  for (const folder of ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'deprecated']) {
    walk(join(ROOT, folder));
  }
  return byId;
}

/** The logsource of the rule a regression folder tests (its info.yml names the rule id). */
function ruleLogsource(jsonFile: string, byId: Map<string, string>): RuleLogsource {
  const info = parse(readFileSync(join(jsonFile, '..', 'info.yml'), 'utf8')) as {
    rule_metadata: { id: string }[];
  };
  const id = info.rule_metadata[0]?.id ?? '';
  const ruleFile = byId.get(id);
  assert.ok(ruleFile !== undefined, `rule ${id} of ${jsonFile} not found`);
  const rule = parse(readFileSync(ruleFile, 'utf8')) as { logsource: RuleLogsource };
  return rule.logsource;
}

test('all 202 SigmaHQ regression files (238 events) decode as evtx-JSON with the logsource and fields of their rule', {
  skip: skipUnlessShared('data', 'real', 'sigmahq-rules', 'regression_data'),
}, () => {
  const files = jsonFiles(join(ROOT, 'regression_data')).sort();
  const byId = ruleFilesById();
  assert.equal(files.length, 202);
  let events = 0;
  let routed = 0;
  const mismatches: string[] = [];
  for (const file of files) {
    const out = decodeText(readFileSync(file, 'utf8'), { file });
    assert.equal(out.format, 'windows-evtx-json', file);
    assert.deepEqual(out.issues, [], file);
    assert.ok(out.events.length >= 1, file);
    events += out.events.length;
    const expected = ruleLogsource(file, byId);
    // A rule matches an event when every logsource field the rule names equals the event's;
    // the regression events are positives, so at least one event of the file must route.
    const isRouted = out.events.some(
      (event) =>
        (['product', 'service'] as const).every(
          (key) => expected[key] === undefined || event.logsource[key] === expected[key],
        ) &&
        (expected.category === undefined ||
          categoryCovers(expected.category, event.logsource.category)),
    );
    if (isRouted) routed++;
    else
      mismatches.push(
        `${relative(ROOT, file)}: rule ${JSON.stringify(expected)} vs ${JSON.stringify(out.events[0]?.logsource)}`,
      );
    for (const event of out.events) {
      assert.equal(typeof event.data.EventID, 'number');
      assert.ok(!Number.isNaN(event.timeMs), file);
      const eid = event.data.EventID;
      if (event.logsource.service === 'sysmon' && eid === 1) {
        assert.equal(typeof event.data.Image, 'string');
        assert.equal(typeof event.data.CommandLine, 'string');
        assert.equal(typeof event.data.ParentImage, 'string');
      }
      if (event.logsource.service === 'sysmon' && eid === 11) {
        assert.equal(typeof event.data.TargetFilename, 'string');
      }
      if (event.logsource.category?.startsWith('registry_')) {
        assert.equal(typeof event.data.TargetObject, 'string');
      }
    }
  }
  assert.deepEqual(mismatches, []);
  assert.equal(routed, 202);
  assert.equal(events, 238);
});
