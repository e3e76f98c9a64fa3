import cliProgress from 'cli-progress';

/** Reports how many runs of a sweep are done. */
export interface Progress {
  /** `done` runs of the total are complete. */
  update(done: number): void;
  stop(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  readonly total: number;
  /** Runs already complete when the sweep starts (resumed). */
  readonly initial: number;
  readonly quiet: boolean;
  /** Where to write (default stderr); a terminal gets a bar, anything else plain lines. */
  readonly stream?: NodeJS.WriteStream;
  /** What the runs belong to, shown at the start of each line (default "sweep"). */
  readonly label?: string;
  /** Least seconds between plain lines (default 10). */
  readonly intervalSeconds?: number;
}

/**
 * A progress display for a sweep: nothing when quiet; a cli-progress bar with counts, elapsed time and ETA on a
 * terminal; otherwise a plain line at most every `intervalSeconds` (and at the end), which suits log files and
 * cluster job output.
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return { update: () => {}, stop: () => {} };
  if (stream.isTTY) return barProgress(options, stream);
  return lineProgress(options, stream);
}

function barProgress(options: ProgressOptions, stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    { stream, format: `${options.label ?? 'sweep'} |{bar}| {value}/{total} runs | {percentage}% | elapsed {duration_formatted} | ETA {eta_formatted}`, hideCursor: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(options.total, options.initial);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

function lineProgress(options: ProgressOptions, stream: NodeJS.WriteStream): Progress {
  const started = process.hrtime.bigint();
  const interval = options.intervalSeconds ?? 10;
  let lastLine = -Infinity;
  let last = options.initial;
  const write = (done: number): void => {
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    const ranNow = done - options.initial;
    const remaining = options.total - done;
    const eta = ranNow > 0 ? `, ETA ${formatSeconds((elapsed / ranNow) * remaining)}` : '';
    stream.write(`${options.label ?? 'sweep'}: ${done}/${options.total} runs done, elapsed ${formatSeconds(elapsed)}${remaining > 0 ? eta : ''}\n`);
    lastLine = elapsed;
  };
  write(options.initial);
  return {
    update: (done) => {
      last = done;
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      if (elapsed - lastLine >= interval || done === options.total) write(done);
    },
    stop: () => {
      if (last !== options.total && last !== options.initial) write(last);
    },
  };
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
