import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, Option } from 'commander';
import { runDemo } from '../../demo.js';
import { formatSummaryText, formatTable } from '../../report/table.js';
import { action } from '../action.js';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';

/** The package root (works from `src/cli/commands` under tsx and from `dist/cli/commands`). */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * `cronwarden demo`: hunt the bundled labelled day with the built-in pack, print the findings,
 * write the HTML report, and print the recall per attack story.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('hunt the bundled sample day (samples/) and write an HTML report')
    .addOption(
      new Option('-o, --out <file>', 'where the HTML report goes').default('cronwarden-demo.html'),
    )
    .action(
      action(async (options: { out: string }) => {
        const out = process.stdout;
        const result = await runDemo({ root: PACKAGE_ROOT, out: resolve(options.out) });
        const report = result.hunt.report;
        out.write(`== cronwarden hunt ${result.inputs.join(' ')}\n`);
        out.write(formatTable(report, { color: false }).replaceAll(`${PACKAGE_ROOT}/`, ''));
        out.write(formatSummaryText(report.summary, { color: false }));
        out.write(`\n== attack stories in samples/labels.json (recall)\n`);
        let missed = 0;
        for (const [story, rules] of result.quality.stories) {
          const found = rules.length > 0;
          if (!found) missed += 1;
          const by = [...new Set(rules)].sort().join(', ');
          const incidents = result.quality.incidents
            .filter((entry) => entry.stories.includes(story))
            .map((entry) => entry.incident.id);
          const grouped = incidents.length > 0 ? `  → ${incidents.join(', ')}` : '';
          out.write(`${found ? 'detected' : 'MISSED  '}  ${story.padEnd(42)} ${by}${grouped}\n`);
        }
        out.write(`\nHTML report: ${result.out}\n`);
        return missed > 0 ? EXIT_FINDINGS : EXIT_OK;
      }),
    );
}
