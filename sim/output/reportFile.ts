import { existsSync, linkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from './runFolder.js';

/**
 * Refuses a report destination that exists (results are never silently replaced) or whose folder does not; checked
 * before any run starts.
 */
export function checkReportDestination(file: string, flag = '--report'): void {
  if (existsSync(file)) throw new OutputError(`${flag} ${file}: exists; choose another file (a report is never replaced)`);
  const parent = path.dirname(path.resolve(file));
  if (!existsSync(parent) || !statSync(parent).isDirectory()) throw new OutputError(`${flag} ${file}: folder ${parent} does not exist`);
}

/**
 * A report on its way to `file`: written to a hidden file beside it (same file system, so the final rename is atomic),
 * then moved into place once the results it describes are complete.
 */
export class PendingReport {
  private readonly temp: string;

  constructor(
    readonly file: string,
    text: string,
    private readonly flag = '--report',
  ) {
    this.temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.tmp-${process.pid}`);
    writeFileSync(this.temp, text);
  }

  /**
   * Moves the report into place, refusing to replace a file that appeared while `what` ran. A hard link is made
   * rather than a rename: it fails if the file exists, with no gap between the check and the move.
   */
  commit(what: string): void {
    try {
      linkSync(this.temp, this.file);
    } catch (error) {
      this.discard();
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new OutputError(`${this.flag} ${this.file}: appeared while the ${what} ran; not replaced (the results folder is complete)`);
      }
      throw error;
    }
    this.discard();
  }

  /** Removes the hidden file (the run failed). */
  discard(): void {
    rmSync(this.temp, { force: true });
  }
}
