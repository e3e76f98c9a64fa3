import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import { resolveCompareMetrics } from '../experiment/compareMetrics.js';
import { readSweepManifest, readSweepRows, SWEEP_FILES, sweepReportHtml } from '../experiment/sweep.js';
import { checkReportDestination, PendingReport } from '../output/reportFile.js';
import { OutputError } from '../output/runFolder.js';
import { readRunReportData } from '../output/runReportData.js';

/** Which command made a results folder, read from the files it leaves. */
export type ResultsKind = 'run' | 'compare' | 'sweep';

export function resultsKind(folder: string): ResultsKind {
  if (!existsSync(folder)) throw new OutputError(`${folder}: no such folder`);
  if (existsSync(path.join(folder, 'compare.json'))) return 'compare';
  if (existsSync(path.join(folder, SWEEP_FILES.plan))) return 'sweep';
  return 'run';
}

/**
 * The report page of a results folder: a run's (one run, or the replications of one `mallsim run`), a comparison's
 * or a complete sweep's. `metrics` is the sweep report's metric list (default: compare's defaults).
 */
export async function reportOfFolder(folder: string, metrics?: readonly string[]): Promise<{ kind: ResultsKind; html: string }> {
  const kind = resultsKind(folder);
  if (metrics !== undefined && kind !== 'sweep') throw new RangeError(`--metrics: only meaningful for a sweep folder; ${folder} holds a ${kind}`);
  if (kind === 'compare') {
    const { renderCompareFolderReport } = await import('../experiment/compareFolderReport.js');
    return { kind, html: await renderCompareFolderReport(folder) };
  }
  if (kind === 'sweep') {
    const chosen = resolveCompareMetrics(metrics, 'sweep');
    const { shard } = readSweepManifest(folder);
    if (shard !== null) throw new OutputError(`${folder}: shard ${shard.index}/${shard.count} of a sweep holds only part of it; merge the shards (mallsim merge) and report the merged folder`);
    const { manifest, rows } = readSweepRowsOf(folder);
    return { kind, html: await sweepReportHtml(manifest, rows, chosen) };
  }
  const data = readRunReportData(folder);
  const { renderRunReport } = await import('../report/runReport.js');
  return { kind, html: await renderRunReport(data) };
}

function readSweepRowsOf(folder: string): ReturnType<typeof readSweepRows> {
  try {
    return readSweepRows(folder);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(`${folder}: the sweep is not complete (${error instanceof Error ? error.message : String(error)}); finish it with mallsim sweep --resume`);
  }
}

/** Writes the report of `folder` to `file` (default `<folder>/report.html`), never replacing a file; `flag` names the file in errors. */
export async function writeFolderReport(folder: string, file: string | undefined, options: { metrics?: readonly string[]; flag?: string } = {}): Promise<{ kind: ResultsKind; file: string }> {
  resultsKind(folder);
  const destination = file ?? path.join(folder, 'report.html');
  const flag = options.flag ?? '--out';
  checkReportDestination(destination, flag);
  const { kind, html } = await reportOfFolder(folder, options.metrics);
  new PendingReport(destination, html, flag).commit('report');
  return { kind, file: destination };
}

/** `mallsim report <folder>`. */
export function registerReportCommand(y: Argv): Argv {
  return y.command(
    'report <folder>',
    'write the HTML report of a results folder (a run, a comparison or a complete sweep), after the fact',
    (c) =>
      c
        .positional('folder', { type: 'string', demandOption: true, describe: 'a folder written by mallsim run, compare or sweep' })
        .option('out', { type: 'string', describe: 'report file (default: <folder>/report.html); never replaced' })
        .option('metrics', { type: 'string', describe: 'sweep folders: metrics to draw, comma-separated (default: compare\'s defaults)' })
        .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' }),
    async (args) => {
      const metrics = args.metrics === undefined ? undefined : [args.metrics];
      const written = await writeFolderReport(args.folder as string, args.out, { metrics });
      if (!args.quiet) process.stdout.write(`${written.kind} report: ${written.file}\n`);
    },
  );
}
