import os from 'node:os';
import type { Argv } from 'yargs';
import { FACTS } from '../validation/facts.js';
import { FAST, FULL_REPLICATIONS, validate } from '../validation/validate.js';
import { formatValidationTable } from '../validation/validationTable.js';

/** Exit code when the suite ran and a check failed. */
const EXIT_FACT_FAILED = 1;

/**
 * Registers `mallsim validate`: the stylized-facts suite on the shipped scenarios under common random numbers; per
 * check, the effect with its 95% CI, the bound and pass or fail; exit code 1 when any check fails.
 */
export function registerValidateCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'validate',
    'run the stylized-facts suite and say which facts the model reproduces',
    (y) =>
      y
        .option('replications', {
          type: 'number',
          describe: `replications per arm, for every fact (default ${FULL_REPLICATIONS}${moreReplications('fullSuiteReplications')}; with --fast ${FAST.replications}${moreReplications('fastReplications')})`,
        })
        .option('fast', {
          type: 'boolean',
          default: false,
          describe: `${FAST.population.toLocaleString('en-US')} consumers sampled from each scenario's market (${fastSizes()}), ${FAST.days} days`,
        })
        .option('facts', { type: 'string', describe: `only these facts, comma-separated ids (1-${FACTS.length})` })
        .option('workers', { type: 'number', describe: 'parallel runs (default: the number of cores)' })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a field in every arm: path=value (YAML value)' })
        .option('json', { type: 'boolean', default: false, describe: 'print the results as JSON' })
        .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but the results' }),
    async (args) => {
      const only = args.facts === undefined ? undefined : parseFactIds(args.facts);
      const result = await validate({
        replications: args.replications,
        fast: args.fast,
        workers: args.workers ?? os.availableParallelism(),
        quiet: args.quiet || args.json,
        only,
        overrides: args.set,
      });
      if (args.json) process.stdout.write(`${JSON.stringify(result, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`);
      else process.stdout.write(formatValidationTable(result));
      if (result.checks.some((check) => !check.pass)) process.exitCode = EXIT_FACT_FAILED;
    },
  );
}

function parseFactIds(text: string): number[] {
  const ids = text.split(',').map((part) => Number(part.trim()));
  const known = new Set(FACTS.map((fact) => fact.id));
  const bad = ids.find((id) => !known.has(id));
  if (bad !== undefined) throw new RangeError(`--facts: expected fact ids between 1 and ${FACTS.length}, got "${text}"`);
  return ids;
}

/** The facts that run their own number of replications by default, for the help text: ", 20 for fact 8". */
function moreReplications(field: 'fullSuiteReplications' | 'fastReplications'): string {
  return FACTS.filter((fact) => fact[field] !== undefined)
    .map((fact) => `, ${fact[field]} for fact ${fact.id}`)
    .join('');
}

/** The facts that run at their own size under --fast, for the help text: "facts 4, 10, 16: the whole market; fact 8: 5,000". */
function fastSizes(): string {
  const bySize = new Map<string, number[]>();
  for (const fact of FACTS) {
    if (fact.fastPopulation === undefined) continue;
    const size = fact.fastPopulation === 'market' ? 'the whole market' : fact.fastPopulation.toLocaleString('en-US');
    bySize.set(size, [...(bySize.get(size) ?? []), fact.id]);
  }
  return [...bySize].map(([size, ids]) => `${ids.length > 1 ? 'facts' : 'fact'} ${ids.join(', ')}: ${size}`).join('; ');
}
