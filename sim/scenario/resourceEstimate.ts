import { INBOX_SLOTS } from '../social.js';
import type { PolicyName, Scenario } from './schema.js';

/*
 * What a run will take, from its resolved scenario alone, before anything is allocated: its peak memory (to refuse a
 * run that cannot fit the machine) and a rough duration (so a mistyped size is seen at once). The coefficients were
 * measured on this project's machines: peak resident memory of runs at 10,000 and 40,000 consumers and 1,000 and 8,000
 * items for every policy, with a margin of about a third; test/scenario/resourceEstimate.test.ts measures real runs
 * and fails when a run outgrows its estimate or the estimate overshoots by more than three times.
 */

/** Node itself, the libraries and the code: a run of one consumer still needs this much. */
const BASE_BYTES = 128 * 2 ** 20;
/** A consumer's own state: traits, emotion, budget, habit, counters, observations and the platform's view of them. */
const CONSUMER_BYTES = 1240;
/** Per consumer and category: need, need rate, purchases by category, the platform's category affinity. */
const CONSUMER_CATEGORY_BYTES = 14;
/** Per consumer and feature dimension: interest, interest pull, the platform's profile. */
const CONSUMER_DIMENSION_BYTES = 16;
/**
 * The day's plan of app openings (a byte per planned opening and a few per consumer) and the items shown to each
 * consumer today (8 bytes an item in arrays that grow by doubling; a consumer scrolls about 20 items a day at the
 * default feed length, more with longer feeds).
 */
const VISIT_PLAN_BYTES_PER_CONSUMER = 16;
const VISIT_PLAN_BYTES_PER_SESSION = 6;
const SHOWN_BYTES_PER_FEED_SLOT = 16;
const SHOWN_FEED_SLOTS_CAP = 25;
/** An item's state: price, quality, hype, stock, counters and the platform's item counts. */
const ITEM_BYTES = 300;
const ITEM_DIMENSION_BYTES = 8;
/** Bytes per row held in the open record batches of the output tables, all tables together. */
const BATCH_ROW_BYTES = 400;

/**
 * Seconds per consumer-day of the default shape (content policy, feeds of 30) on one core of this project's 2-core
 * machine, from `npm run bench` (100,000 consumers x 30 days in 28.6 s, Arrow writing included).
 */
const SECONDS_PER_CONSUMER_DAY = 9.5e-6;
const BENCH_FEED_LENGTH = 30;

/** Each policy's cost per exposure against content, from the policy bench; search builds no feed. */
const POLICY_COST: Record<PolicyName, number> = {
  search: 0.3,
  random: 0.9,
  popularity: 0.95,
  content: 1,
  'item-cf': 2.0,
  'user-cf': 2.8,
  mf: 3.3,
  bandit: 1.3,
  hybrid: 2.6,
};

/** One part of the memory estimate, named by the scenario field that drives it. */
export interface MemoryPart {
  readonly field: string;
  readonly bytes: number;
  readonly what: string;
}

/** A run's estimated peak memory, in parts. */
export interface MemoryEstimate {
  readonly bytes: number;
  /** What any run needs, whatever its size: Node, the libraries and the code. */
  readonly baseBytes: number;
  readonly parts: readonly MemoryPart[];
}

/** The policies whose learned state a scenario's platform keeps: the policy itself, or the blend's parts. */
function policiesInUse(scenario: Scenario): PolicyName[] {
  const policy = scenario.platform.policy;
  if (policy !== 'hybrid') return [policy];
  const weights = scenario.platform.policyParams.hybrid.weights;
  return (Object.keys(weights) as (keyof typeof weights)[]).filter((name) => weights[name] > 0);
}

/** Bytes a learned policy keeps per consumer and per item (neighbour lists, histories, factors, posteriors). */
function learnedStateBytes(scenario: Scenario, policy: PolicyName): { perConsumer: number; perItem: number } {
  const params = scenario.platform.policyParams;
  switch (policy) {
    case 'item-cf':
      return { perConsumer: 1100 + 8 * params['item-cf'].historyLength, perItem: 12 * params['item-cf'].neighbours };
    case 'user-cf':
      return { perConsumer: 700 + 8 * params['user-cf'].historyLength + 12 * params['user-cf'].neighbours, perItem: 16 };
    case 'mf':
      return { perConsumer: 500 + 8 * params.mf.historyLength + 12 * params.mf.factors, perItem: 12 * params.mf.factors + 12 * params.mf.neighbours };
    case 'bandit':
      return { perConsumer: 1000, perItem: 16 * scenario.catalog.featureDims };
    default:
      return { perConsumer: 0, perItem: 0 };
  }
}

/** The run's estimated peak memory (one replication; replications run one after another). */
export function estimateRunMemory(scenario: Scenario): MemoryEstimate {
  const { size } = scenario.population;
  const { items, categories, featureDims } = scenario.catalog;
  let learnedPerConsumer = 0;
  let learnedPerItem = 0;
  for (const policy of policiesInUse(scenario)) {
    const learned = learnedStateBytes(scenario, policy);
    learnedPerConsumer += learned.perConsumer;
    learnedPerItem += learned.perItem;
  }
  const { maxPerDay } = scenario.consumer.session;
  const dayPlan =
    VISIT_PLAN_BYTES_PER_CONSUMER +
    VISIT_PLAN_BYTES_PER_SESSION * maxPerDay +
    SHOWN_BYTES_PER_FEED_SLOT * Math.min(scenario.platform.overPush.feedLength, SHOWN_FEED_SLOTS_CAP);
  const perConsumer = CONSUMER_BYTES + CONSUMER_CATEGORY_BYTES * categories + CONSUMER_DIMENSION_BYTES * featureDims + learnedPerConsumer + dayPlan;
  const social = scenario.social;
  const socialBytes = social.network === 'none' && social.kols === 0 ? 0 : size * (12 * social.meanFriends + 7 * INBOX_SLOTS) + 4 * social.kols * social.kolFollowers;
  const parts: MemoryPart[] = [
    { field: 'population.size', bytes: size * perConsumer, what: `${size.toLocaleString('en-US')} consumers x ${formatBytes(perConsumer)}` },
    { field: 'catalog.items', bytes: items * (ITEM_BYTES + ITEM_DIMENSION_BYTES * featureDims + learnedPerItem), what: `${items.toLocaleString('en-US')} items` },
    { field: social.kols * social.kolFollowers > size * social.meanFriends ? 'social.kolFollowers' : 'social.meanFriends', bytes: socialBytes, what: 'the friendship network and inboxes' },
    { field: 'run.batchRows', bytes: scenario.run.batchRows * BATCH_ROW_BYTES, what: 'open record batches' },
  ];
  return { bytes: BASE_BYTES + parts.reduce((sum, part) => sum + part.bytes, 0), baseBytes: BASE_BYTES, parts };
}

/** A rough single-core duration of the run's replications, in seconds. */
export function estimateRunSeconds(scenario: Scenario, replications = 1): number {
  const consumerDays = scenario.population.size * scenario.run.days * replications;
  const feedScale = scenario.platform.overPush.feedLength / BENCH_FEED_LENGTH;
  return consumerDays * SECONDS_PER_CONSUMER_DAY * POLICY_COST[scenario.platform.policy] * Math.max(feedScale, 0.2);
}

/** `1.5 GiB`, `640 MiB`, `820 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  if (bytes >= 2 ** 10) return `${(bytes / 2 ** 10).toFixed(1)} KiB`;
  return `${Math.round(bytes)} B`;
}

/** `45 s`, `12 min`, `3.2 h`, `4.1 days`. */
export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}
