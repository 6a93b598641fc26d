/**
 * Precision and recall of the T1053.007 pack on the labelled scenario set `samples/`
 * (`npm run bench -- quality`). Per rule: findings on attack records (TP), findings above
 * `low` on benign records (FP), inventory-level findings on benign records (counted apart).
 * Per story: detected or not, by which rules. Per incident: its root, chain, the stories its
 * findings belong to, and benign findings pulled into it.
 */
import { cpus } from 'node:os';
import { scoreSamples } from '../src/rules/sample-quality.js';

const SAMPLES = new URL('../samples/', import.meta.url).pathname;
const quality = await scoreSamples(SAMPLES);

const percent = (value: number) => (Number.isNaN(value) ? '-' : `${(value * 100).toFixed(1)} %`);
console.log(
  `samples: ${quality.events} events; node ${process.version}; ${cpus()[0]?.model ?? 'cpu'}`,
);
console.log('\nper rule');
console.log('rule     TP  FP  inventory-on-benign  precision  stories');
for (const rule of quality.rules) {
  const precision = rule.truePositives / (rule.truePositives + rule.falsePositives);
  console.log(
    `${rule.rule.padEnd(7)} ${String(rule.truePositives).padStart(3)} ${String(rule.falsePositives).padStart(3)} ${String(rule.inventoryOnBenign).padStart(20)}  ${percent(precision).padStart(9)}  ${[...rule.stories].sort().join(', ')}`,
  );
}
console.log('\nper story');
let detected = 0;
for (const [story, rules] of quality.stories) {
  if (rules.length > 0) detected += 1;
  console.log(
    `${story.padEnd(38)} ${rules.length > 0 ? 'detected' : 'MISSED  '}  ${[...new Set(rules)].sort().join(', ')}`,
  );
}
const fp = quality.rules.reduce((sum, r) => sum + r.falsePositives, 0);
const tp = quality.rules.reduce((sum, r) => sum + r.truePositives, 0);
console.log(
  `\nrecall (stories): ${detected}/${quality.stories.size} = ${percent(detected / quality.stories.size)}`,
);
console.log(`precision (findings above low): ${tp}/${tp + fp} = ${percent(tp / (tp + fp))}`);
for (const finding of quality.benignFindings) {
  console.log(`  benign: ${finding.rule.id} ${finding.level} ${finding.message}`);
}

console.log('\nincidents');
for (const entry of quality.incidents) {
  const { incident } = entry;
  const who = incident.createdBy ?? incident.lastChangedBy;
  console.log(
    `${incident.id}  ${incident.level.padEnd(6)} ${`${incident.root.kind} ${incident.root.namespace ?? ''}/${incident.root.name}`.padEnd(40)} ${String(entry.findings).padStart(2)} findings  benign ${entry.benignFindings}  stories ${entry.stories.join(', ') || '-'}  by ${who?.user ?? '?'}`,
  );
  console.log(`    ${incident.chain.map((l) => `${l.kind} ${l.name}`).join(' → ')}`);
}
const pulled = quality.incidents.reduce((sum, e) => sum + e.benignFindings, 0);
const inIncident = new Set(quality.incidents.flatMap((e) => e.stories));
console.log(
  `stories in an incident: ${inIncident.size}/${quality.stories.size}; benign findings in incidents: ${pulled}`,
);
