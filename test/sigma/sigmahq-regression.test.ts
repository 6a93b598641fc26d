/**
 * SigmaHQ regression data: every evtx-JSON event set matches its rule at least `match_count`
 * times through the full-corpus engine with logsource routing, and every rule that fires has
 * a logsource the event belongs to.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { logsourceAccepts, SigmaEngine } from '../../src/sigma/engine/sigma-engine.js';
import { skipUnlessShared } from '../shared-data.js';
import { CORPUS_DIR, listFiles, loadCorpusRules } from './corpus.js';
import { flattenEvtxEvent, splitConcatenatedJson } from './evtx-json.js';
import { windowsLogsources } from './windows-logsources.js';

const skip = skipUnlessShared('data', 'real', 'sigmahq-rules', 'regression_data');

interface Info {
  rule_metadata: { id: string; title: string }[];
  regression_tests_info: { type: string; match_count?: number }[];
}

describe('SigmaHQ regression_data', { skip }, () => {
  test('every regression event set matches its rule; only rules of the event logsource fire', () => {
    const rules = loadCorpusRules().map((entry) => entry.rule);
    const { engine } = SigmaEngine.fromRules(rules);
    const infos = listFiles(join(CORPUS_DIR, 'regression_data'), ['info.yml']);
    let cases = 0;
    let events = 0;
    let otherMatches = 0;
    const failures: string[] = [];
    for (const infoFile of infos) {
      const info = parse(readFileSync(infoFile, 'utf8')) as Info;
      const ruleId = info.rule_metadata[0]!.id;
      const dataFiles = listFiles(dirname(infoFile), ['.json', '.jsoncls']);
      if (dataFiles.length === 0) continue; // the Cisco case ships a .raw CLI log only
      cases += 1;
      const expected = Math.max(1, ...info.regression_tests_info.map((t) => t.match_count ?? 1));
      let hits = 0;
      for (const file of dataFiles) {
        for (const raw of splitConcatenatedJson(readFileSync(file, 'utf8'))) {
          events += 1;
          const event = flattenEvtxEvent(raw);
          const logsources = windowsLogsources(event);
          const matches = engine.match(event, logsources);
          for (const match of matches) {
            assert.ok(
              logsources.some((logsource) => logsourceAccepts(match.rule.logsource, logsource)),
              `${match.title} fired outside its logsource`,
            );
            if (match.ruleId === ruleId) hits += 1;
            else otherMatches += 1;
          }
        }
      }
      if (hits < expected)
        failures.push(
          `${info.rule_metadata[0]!.title} (${ruleId}): ${hits} of ${expected} in ${infoFile}`,
        );
    }
    assert.deepEqual(failures, []);
    assert.equal(cases, 202);
    assert.equal(events, 239);
    // Informational: other rules of the same logsource that also fire on these events.
    assert.ok(otherMatches >= 0);
  });
});
