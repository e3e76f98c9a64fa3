import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Refusal to write where a user's results would be lost; the CLI exits 2 on it. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/**
 * A run's folder: everything is written into a hidden temporary sibling and moved into place by one rename when
 * the run is complete, so a failed or killed run never leaves a half-written folder where results belong.
 */
export interface RunFolder {
  /** Where to write while the run goes. */
  readonly temp: string;
  /** Moves the finished folder into place and returns its final path. */
  commit(): string;
  /** Removes the temporary folder (a failed run). */
  discard(): void;
}

export interface RunFolderOptions {
  /** An explicit destination (`--out`); refused when it exists and is not empty, unless `overwrite`. */
  readonly out?: string;
  readonly overwrite?: boolean;
  /** Root for automatic folders: `<root>/<scenario name>/run-NNN`. */
  readonly root: string;
  readonly scenarioName: string;
}

/** Checks the destination and creates the temporary folder. Throws OutputError before any work is done. */
export function prepareRunFolder(options: RunFolderOptions): RunFolder {
  const explicit = options.out !== undefined;
  const parent = explicit ? path.dirname(path.resolve(options.out!)) : path.resolve(options.root, options.scenarioName);
  if (explicit && isNonEmptyFolder(options.out!) && !options.overwrite) {
    throw new OutputError(`${options.out}: exists and is not empty; choose another --out or pass --overwrite`);
  }
  if (explicit && existsSync(options.out!) && !isFolder(options.out!)) {
    throw new OutputError(`${options.out}: exists and is not a folder`);
  }
  mkdirSync(parent, { recursive: true });
  const temp = path.join(parent, `.tmp-${process.pid}-${process.hrtime.bigint()}`);
  mkdirSync(temp);
  let done = false;
  return {
    temp,
    commit(): string {
      if (done) throw new Error('run folder already committed or discarded');
      done = true;
      return explicit ? replaceFolder(temp, path.resolve(options.out!)) : claimNextRunFolder(temp, parent);
    },
    discard(): void {
      if (done) return;
      done = true;
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

function isFolder(target: string): boolean {
  try {
    return readdirSync(target) !== undefined;
  } catch {
    return false;
  }
}

function isNonEmptyFolder(target: string): boolean {
  try {
    return readdirSync(target).length > 0;
  } catch {
    return false;
  }
}

/** With --overwrite the old folder is moved aside first and removed only after the new one is in place. */
function replaceFolder(temp: string, target: string): string {
  if (!existsSync(target)) {
    renameSync(temp, target);
    return target;
  }
  const aside = `${temp}-previous`;
  renameSync(target, aside);
  renameSync(temp, target);
  rmSync(aside, { recursive: true, force: true });
  return target;
}

/** The next free run-NNN name; rename refuses a taken name, so two runs at once never share a folder. */
function claimNextRunFolder(temp: string, parent: string): string {
  const taken = readdirSync(parent)
    .map((name) => /^run-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
  let next = taken.length > 0 ? Math.max(...taken) + 1 : 1;
  for (;;) {
    const target = path.join(parent, `run-${String(next).padStart(3, '0')}`);
    if (!existsSync(target)) {
      try {
        renameSync(temp, target);
        return target;
      } catch (error) {
        if (!isTakenError(error)) throw error;
      }
    }
    next++;
  }
}

function isTakenError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EEXIST' || code === 'ENOTEMPTY';
}
