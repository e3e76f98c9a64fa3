import { OutputError } from '../output/runFolder.js';
import { ScenarioError } from '../scenario/load.js';

/** Exit code for bad input: a scenario error, a bad flag, or a destination that would overwrite results. */
export const EXIT_BAD_INPUT = 2;
/** Exit code for an unexpected failure: a bug, reported with its stack so that it can be fixed. */
export const EXIT_FAILURE = 1;

/**
 * What the CLI prints and exits with for an error that ended a command. Bad input is the user's to fix and gets
 * its message alone, without a stack; anything else is a bug and keeps its stack.
 */
export function describeFailure(error: unknown): { code: number; text: string } {
  if (error instanceof ScenarioError || error instanceof OutputError) return { code: EXIT_BAD_INPUT, text: `${error.message}\n` };
  if (error instanceof RangeError) return { code: EXIT_BAD_INPUT, text: `mallsim: ${error.message}\n` };
  return { code: EXIT_FAILURE, text: `mallsim: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n` };
}
