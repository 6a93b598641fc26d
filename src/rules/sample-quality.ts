/**
 * Scores the pack on the labelled scenario set (`samples/`): every record of every attack
 * story vs. the benign rest of the day. A story is detected when at least one finding points
 * at one of its records; a finding on a benign record is a false positive, except
 * `low`/`informational` inventory-level findings, which are counted apart (they are expected
 * on a normal day: CW-001 inventories every human or CI write). Incidents (`src/correlate/`)
 * are built over the same events and findings: which stories each incident gathers, and any
 * benign finding pulled into one.
 * @module
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineageObserver } from '../correlate/lineage-observer.js';
import type { Finding } from '../finding.js';
import { loadDetector, startObserver } from '../hunt/detector.js';
import type { Incident } from '../incident.js';
import type { NormalizedEvent } from '../ingest/event.js';
import { readEvents } from '../ingest/read-events.js';

interface Label {
  readonly file: string;
  readonly fromLine: number;
  readonly toLine: number;
  readonly story: string;
}

export interface RuleQuality {
  readonly rule: string;
  truePositives: number;
  falsePositives: number;
  inventoryOnBenign: number;
  readonly stories: Set<string>;
}

export interface SampleQuality {
  readonly events: number;
  readonly stories: ReadonlyMap<string, readonly string[]>;
  readonly rules: readonly RuleQuality[];
  readonly benignFindings: readonly Finding[];
  /** The incidents of the day, with the stories of their findings. */
  readonly incidents: readonly IncidentQuality[];
}

export interface IncidentQuality {
  readonly incident: Incident;
  readonly findings: number;
  /** Stories whose findings are in the incident. */
  readonly stories: readonly string[];
  /** Findings on benign records grouped into the incident (should be none). */
  readonly benignFindings: number;
}

function storyOf(labels: readonly Label[], finding: Finding): string | undefined {
  const origin = finding.origin;
  if (!origin || !('line' in origin)) return undefined;
  const file = basename(origin.file);
  return labels.find((l) => l.file === file && origin.line >= l.fromLine && origin.line <= l.toLine)
    ?.story;
}

/** Runs the detector over the labelled files of a samples folder in time order and scores it. */
export async function scoreSamples(directory: string): Promise<SampleQuality> {
  const { files, labels } = JSON.parse(readFileSync(join(directory, 'labels.json'), 'utf8')) as {
    files: string[];
    labels: Label[];
  };
  const events: NormalizedEvent[] = [];
  // Only the files labels.json names are the scenario set (samples-history/ is history).
  const stream = readEvents(
    files.map((file) => join(directory, file)),
    { dedupe: false },
  );
  for await (const event of stream) events.push(event);
  events.sort((a, b) => a.timeMs - b.timeMs);
  const detector = loadDetector();
  const observe = startObserver(detector);
  const stories = new Map<string, string[]>(
    [...new Set(labels.map((l) => l.story))].map((s) => [s, []]),
  );
  const rules = new Map<string, RuleQuality>();
  const benignFindings: Finding[] = [];
  const all: Finding[] = [];
  const lineage = new LineageObserver(detector.allowlist);
  for (const event of events) {
    lineage.observe(event);
    for (const finding of observe(event)) {
      all.push(finding);
      const id = finding.rule.id;
      let rule = rules.get(id);
      if (!rule) {
        rule = {
          rule: id,
          truePositives: 0,
          falsePositives: 0,
          inventoryOnBenign: 0,
          stories: new Set(),
        };
        rules.set(id, rule);
      }
      const story = storyOf(labels, finding);
      if (story !== undefined) {
        rule.truePositives += 1;
        rule.stories.add(story);
        stories.get(story)?.push(id);
      } else if (finding.level === 'low' || finding.level === 'informational') {
        rule.inventoryOnBenign += 1;
        benignFindings.push(finding);
      } else {
        rule.falsePositives += 1;
        benignFindings.push(finding);
      }
    }
  }
  return {
    events: events.length,
    stories,
    rules: [...rules.values()].sort((a, b) => a.rule.localeCompare(b.rule)),
    benignFindings,
    incidents: scoreIncidents(labels, lineage, all),
  };
}

function scoreIncidents(
  labels: readonly Label[],
  lineage: LineageObserver,
  findings: readonly Finding[],
): IncidentQuality[] {
  const correlated = lineage.correlate(findings);
  return correlated.incidents.map((incident) => {
    const members = correlated.findings.filter((f) => f.incident === incident.id);
    const stories = members.map((f) => storyOf(labels, f));
    return {
      incident,
      findings: members.length,
      stories: [...new Set(stories.filter((s): s is string => s !== undefined))].sort(),
      benignFindings: stories.filter((s) => s === undefined).length,
    };
  });
}
