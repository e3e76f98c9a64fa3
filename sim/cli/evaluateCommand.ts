import type { Argv } from 'yargs';
import { defaultOfflineOptions, evaluatePolicies, formatOfflineTable, OFFLINE_POLICIES } from '../platform/offlineEvaluation.js';
import { policyNames, type PolicyName } from '../scenario/schema.js';

/** Checks an integer flag; a RangeError makes the CLI exit 2 with the message. */
function integerFlag(flag: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`--${flag}: expected an integer >= ${min}, got ${value}`);
  return value;
}

function policyList(text: string | undefined): PolicyName[] {
  if (!text) return [...OFFLINE_POLICIES];
  const names = text.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  for (const name of names) {
    if (!(OFFLINE_POLICIES as readonly string[]).includes(name)) {
      const known = policyNames.filter((p) => (OFFLINE_POLICIES as readonly string[]).includes(p)).join(', ');
      throw new RangeError(`--policies: expected names among ${known}, got "${name}"`);
    }
  }
  if (names.length === 0) throw new RangeError('--policies: expected at least one policy name');
  return names as PolicyName[];
}

/**
 * Registers `mallsim evaluate-policies`: the offline evaluation of the recommender policies on a planted interaction
 * log split by time (hit rate and NDCG of each policy's top list on held-out purchases), printed as a table or JSON.
 * Writes no files.
 */
export function registerEvaluateCommand<T>(cli: Argv<T>): Argv<T> {
  const defaults = defaultOfflineOptions();
  return cli.command(
    'evaluate-policies',
    'offline evaluation: hit rate and NDCG of each policy on held-out purchases of a planted log',
    (y) =>
      y
        .option('consumers', { type: 'number', default: defaults.log.consumers, describe: 'consumers in the planted log' })
        .option('items', { type: 'number', default: defaults.log.items, describe: 'items in the planted log' })
        .option('blocks', { type: 'number', default: defaults.log.blocks, describe: 'taste blocks of consumers and items' })
        .option('days', { type: 'number', default: defaults.log.days, describe: 'days in the log (training and held out)' })
        .option('train-days', { type: 'number', default: defaults.trainDays, describe: 'days learned from; later purchases are held out' })
        .option('cutoff', { type: 'number', default: defaults.cutoff, describe: 'length of the ranked list (HR@k, NDCG@k)' })
        .option('policies', { type: 'string', describe: `comma-separated policies (default: ${OFFLINE_POLICIES.join(',')})` })
        .option('seed', { type: 'number', default: defaults.log.seed, describe: 'seed of the planted log' })
        .option('json', { type: 'boolean', default: false, describe: 'print the figures as JSON' }),
    (args) => {
      const consumers = integerFlag('consumers', args.consumers, 1);
      const items = integerFlag('items', args.items, 2);
      const blocks = integerFlag('blocks', args.blocks, 1);
      if (blocks > items) throw new RangeError(`--blocks: expected at most --items (${items}), got ${blocks}`);
      const days = integerFlag('days', args.days, 2);
      const trainDays = integerFlag('train-days', args['train-days'], 1);
      if (trainDays >= days) throw new RangeError(`--train-days: expected fewer than --days (${days}), got ${trainDays}`);
      const result = evaluatePolicies({
        ...defaults,
        log: { ...defaults.log, consumers, items, blocks, days, seed: integerFlag('seed', args.seed, 0), categories: Math.min(defaults.log.categories, items) },
        trainDays,
        cutoff: integerFlag('cutoff', args.cutoff, 1),
        policies: policyList(args.policies),
      });
      process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatOfflineTable(result)}\n`);
    },
  );
}
