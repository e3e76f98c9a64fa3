#!/usr/bin/env node
import { existsSync, writeFileSync } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { registerAnalysisCommands } from './cli/analysisCommands.js';
import { registerCompareCommand } from './cli/compareCommand.js';
import { registerEvaluateCommand } from './cli/evaluateCommand.js';
import { formatSummaryTable } from './cli/summaryTable.js';
import { registerSweepCommands } from './cli/sweepCommand.js';
import { registerValidateCommand } from './cli/validateCommand.js';
import { OutputError } from './output/runFolder.js';
import { runScenario } from './run.js';
import { scenarioJsonSchema } from './scenario/jsonSchema.js';
import { loadScenario, ScenarioError } from './scenario/load.js';
import { VERSION } from './version.js';

/** Exit code for bad input: a scenario error, a bad flag, or a destination that would overwrite results. */
const EXIT_BAD_INPUT = 2;

async function main(argv: string[]): Promise<void> {
  await registerValidateCommand(registerAnalysisCommands(registerSweepCommands(registerEvaluateCommand(registerCompareCommand(yargs(argv))))))
    .scriptName('mallsim')
    .version(VERSION)
    .strict()
    .command(
      'run <scenario>',
      'simulate a scenario and write Arrow tables',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
          .option('seed', { type: 'number', describe: 'run seed (overrides run.seed)' })
          .option('replications', { type: 'number', default: 1, describe: 'replications; replication r uses seed + r' })
          .option('out', { type: 'string', describe: 'output folder (default: a new output/<name>/run-NNN)' })
          .option('overwrite', { type: 'boolean', default: false, describe: 'replace a non-empty --out folder' })
          .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a field: path=value (YAML value)' })
          .option('exposures', { type: 'boolean', default: false, describe: 'also write exposures.arrow (large)' })
          .option('json', { type: 'boolean', default: false, describe: 'print the summary as JSON' })
          .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' }),
      (args) => {
        const overrides = [...args.set];
        if (args.seed !== undefined) overrides.push(`run.seed=${args.seed}`);
        const loaded = loadScenario(args.scenario, { overrides });
        const result = runScenario(loaded.scenario, {
          replications: args.replications,
          out: args.out,
          overwrite: args.overwrite,
          exposures: args.exposures,
          files: loaded.files,
          overrides,
        });
        if (args.quiet) return;
        if (args.json) {
          const runs = result.runs.map((run) => ({ folder: run.folder, seed: run.seed, replication: run.replication, wallSeconds: run.wallSeconds, rowCounts: run.rowCounts, summary: finiteOrNull(run.summary) }));
          process.stdout.write(`${JSON.stringify({ scenario: loaded.scenario.name, folder: result.folder, runs }, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${formatSummaryTable(loaded.scenario.name, result.runs)}\nresults: ${result.folder}\n`);
      },
    )
    .command(
      'schema',
      'print the scenario JSON Schema (for editor completion)',
      (y) =>
        y
          .option('out', { type: 'string', describe: 'write to this file instead of stdout' })
          .option('overwrite', { type: 'boolean', default: false, describe: 'replace an existing --out file' }),
      (args) => {
        const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
        if (!args.out) {
          process.stdout.write(text);
          return;
        }
        if (existsSync(args.out) && !args.overwrite) throw new OutputError(`${args.out}: exists; choose another --out or pass --overwrite`);
        writeFileSync(args.out, text);
      },
    )
    .demandCommand(1, 'name a command: run, compare, sweep, merge, validate, calibrate, sensitivity, evaluate-policies or schema')
    .fail((message: string | undefined, error: Error | undefined) => {
      if (error) throw error;
      process.stderr.write(`mallsim: ${message}\nrun "mallsim --help" for usage\n`);
      process.exit(EXIT_BAD_INPUT);
    })
    .parseAsync();
}

function finiteOrNull(summary: Record<string, number>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, Number.isFinite(v) ? v : null]));
}

main(hideBin(process.argv)).catch((error: unknown) => {
  if (error instanceof ScenarioError || error instanceof OutputError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  if (error instanceof RangeError) {
    process.stderr.write(`mallsim: ${error.message}\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  process.stderr.write(`mallsim: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
