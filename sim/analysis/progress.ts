import { createProgress } from '../experiment/progress.js';

/** Reports how many runs of an analysis phase are done. */
export interface PhaseProgress {
  /** One more run is complete. */
  tick(): void;
  stop(): void;
}

/** Options of {@link createPhaseProgress}. */
export interface PhaseProgressOptions {
  /** What is running, e.g. `calibrate: screening`; it leads every line, since calibration runs phases in turn. */
  readonly label: string;
  /** Runs planned for the phase (an upper bound when the phase may stop early). */
  readonly total: number;
  readonly quiet: boolean;
  /** Where to write (default stderr). */
  readonly stream?: NodeJS.WriteStream;
  /** Least seconds between plain lines (default 10). */
  readonly intervalSeconds?: number;
}

/** Progress of one phase of an analysis, shown as a sweep's progress is, counting runs one at a time. */
export function createPhaseProgress(options: PhaseProgressOptions): PhaseProgress {
  const progress = createProgress({ ...options, initial: 0 });
  let done = 0;
  return { tick: () => progress.update(++done), stop: () => progress.stop() };
}
