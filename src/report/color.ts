/**
 * Terminal colour: only on a TTY, never when NO_COLOR is set (https://no-color.org: present
 * and not empty). One decision per run, passed to the formatters as a boolean.
 * @module
 */
import type { Level } from '../finding.js';

/** Whether to colour output written to `stream`. */
export function shouldColor(
  stream: { readonly isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const noColor = env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  return stream.isTTY === true;
}

const LEVEL_SGR: Readonly<Record<Level, string>> = {
  informational: '2',
  low: '36',
  medium: '33',
  high: '31',
  critical: '1;37;41',
};

/** A painter: identity when colour is off, SGR wrapping when on. */
export interface Paint {
  level(level: Level, text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const PLAIN: Paint = {
  level: (_level, text) => text,
  dim: (text) => text,
  bold: (text) => text,
};

const ANSI: Paint = {
  level: (level, text) => `\u001b[${LEVEL_SGR[level]}m${text}\u001b[0m`,
  dim: (text) => `\u001b[2m${text}\u001b[0m`,
  bold: (text) => `\u001b[1m${text}\u001b[0m`,
};

export function painter(color: boolean): Paint {
  return color ? ANSI : PLAIN;
}

/**
 * Removes C0/C1 control characters (ESC included) from data before it reaches a terminal, so
 * a hostile log line cannot move the cursor or recolour the screen.
 */
export function stripControl(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\t' ? ' ' : '\uFFFD'));
}
