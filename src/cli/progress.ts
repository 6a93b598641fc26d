/**
 * The progress bar of long runs (`hunt`): bytes, events/s and ETA on one stderr line,
 * redrawn at most every 100 ms. Silent when stderr is not a TTY or with `--quiet`, so logs
 * and pipes never receive carriage returns.
 * @module
 */

/** What the bar needs from a stream (process.stderr satisfies it). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): boolean;
}

export interface ProgressOptions {
  readonly stream: ProgressStream;
  /** Total bytes expected, when known (enables the bar and ETA). */
  readonly totalBytes?: number;
  readonly quiet?: boolean;
  /** Milliseconds clock, injectable for tests. */
  readonly now?: () => number;
  /** Minimum milliseconds between redraws. */
  readonly intervalMs?: number;
}

export interface Progress {
  /** Reports cumulative bytes read and events decoded so far (and the total, once known). */
  update(bytes: number, events: number, totalBytes?: number): void;
  /** Clears the line (call before printing anything else to the stream). */
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

/** A progress bar, or a no-op when it must stay silent. */
export function createProgress(options: ProgressOptions): Progress {
  if (options.quiet || options.stream.isTTY !== true) return SILENT;
  const stream = options.stream;
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? 100;
  const started = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(bytes, events, totalBytes) {
      const t = now();
      if (t - lastDraw < interval) return;
      lastDraw = t;
      const line = renderProgress({
        bytes,
        events,
        elapsedMs: t - started,
        ...((totalBytes ?? options.totalBytes) === undefined
          ? {}
          : { totalBytes: totalBytes ?? options.totalBytes }),
        width: stream.columns ?? 80,
      });
      stream.write(`\r${line}\u001b[K`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}

export interface ProgressState {
  readonly bytes: number;
  readonly events: number;
  readonly elapsedMs: number;
  readonly totalBytes?: number;
  readonly width: number;
}

/** One line of progress text, at most `width - 1` characters. Pure, for tests. */
export function renderProgress(state: ProgressState): string {
  const seconds = Math.max(state.elapsedMs / 1000, 1e-3);
  const rate = state.bytes / seconds;
  const eventsRate = state.events / seconds;
  const stats = `${formatSize(state.bytes)}${state.totalBytes ? `/${formatSize(state.totalBytes)}` : ''}  ${formatSize(rate)}/s  ${formatCount(eventsRate)} ev/s`;
  let text = stats;
  if (state.totalBytes && state.totalBytes > 0) {
    const fraction = Math.min(1, state.bytes / state.totalBytes);
    const eta = rate > 0 ? (state.totalBytes - state.bytes) / rate : Number.POSITIVE_INFINITY;
    const tail = `${(fraction * 100).toFixed(0).padStart(3)}%  ${stats}  ETA ${formatDuration(eta)}`;
    const barWidth = Math.max(0, Math.min(30, state.width - tail.length - 4));
    const full = Math.round(fraction * barWidth);
    text = barWidth > 0 ? `[${'#'.repeat(full)}${'.'.repeat(barWidth - full)}] ${tail}` : tail;
  }
  return text.slice(0, Math.max(0, state.width - 1));
}

function formatSize(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return `${Math.round(n)}`;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
