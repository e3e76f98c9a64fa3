import { namedStream } from '../rng.js';
import { scenarioSchema, type PlatformParams, type PolicyName } from '../scenario/schema.js';
import { CandidatePool } from './candidatePool.js';
import { EVENT_IMPRESSION, EVENT_PURCHASE, EVENT_RETURN, EVENT_VIEW } from './learning/interactionLog.js';
import { createPlantedLog, DEFAULT_PLANTED_LOG, type PlantedLog, type PlantedLogSettings } from './learning/plantedLog.js';
import { insertTop } from './learning/topList.js';
import { PlatformObservations } from './observations.js';
import { createPolicy } from './policies/index.js';
import type { RecommenderPolicy } from './policy.js';
import { DailyRankings } from './rankings.js';

/** What to evaluate. */
export interface OfflineEvaluationOptions {
  /** The planted log (its `days` covers training and test days). */
  log: PlantedLogSettings;
  /** Days learned from; later days' purchases are held out. */
  trainDays: number;
  /** Length of the ranked list that hit rate and NDCG look at. */
  cutoff: number;
  policies: readonly PolicyName[];
  /** Scenario-style overrides of platform parameters (for example policyParams), merged over the defaults. */
  platform?: Record<string, unknown>;
}

/** One policy's figures. */
export interface OfflineRow {
  policy: PolicyName;
  /** Share of evaluated consumers with at least one held-out purchase in their top list. */
  hitRate: number;
  /** Mean normalized discounted cumulative gain of the top list against the held-out purchases. */
  ndcg: number;
  /** Wall seconds spent in the policy's overnight training over all training days. */
  trainSeconds: number;
}

export interface OfflineEvaluation {
  rows: OfflineRow[];
  /** Consumers with at least one held-out purchase: the ones evaluated. */
  evaluatedConsumers: number;
  heldOutPurchases: number;
  cutoff: number;
}

/** The policies compared by default: every one with a feed. */
export const OFFLINE_POLICIES: readonly PolicyName[] = ['random', 'popularity', 'content', 'item-cf', 'user-cf', 'mf', 'bandit', 'hybrid'];

/** Defaults: the default planted log, 14 training days, 7 held-out days, lists of 20, every policy with a feed. */
export function defaultOfflineOptions(): OfflineEvaluationOptions {
  return { log: { ...DEFAULT_PLANTED_LOG }, trainDays: 14, cutoff: 20, policies: OFFLINE_POLICIES };
}

/**
 * Offline evaluation on a planted log split by time: each policy learns from the training days through the platform's
 * observation API (the same calls, the same overnight order: decay, rankings, training), then builds one ranked list
 * per consumer (its candidates, its scores, the top `cutoff`), which is scored against the consumer's purchases on
 * the held-out days by hit rate and NDCG.
 */
export function evaluatePolicies(options: OfflineEvaluationOptions): OfflineEvaluation {
  if (!(options.trainDays >= 1 && options.trainDays < options.log.days)) {
    throw new RangeError(`trainDays: expected an integer in 1..${options.log.days - 1}, got ${options.trainDays}`);
  }
  const log = createPlantedLog(options.log);
  const heldOut = heldOutPurchases(log, options.trainDays);
  const params = platformParams(options);
  const rows = options.policies.map((name) => evaluatePolicy(name, log, heldOut, params, options));
  let evaluatedConsumers = 0;
  for (let c = 0; c < log.settings.consumers; c++) if (heldOut.start[c + 1] > heldOut.start[c]) evaluatedConsumers++;
  return { rows, evaluatedConsumers, heldOutPurchases: heldOut.items.length, cutoff: options.cutoff };
}

/** Each consumer's distinct held-out purchases, consumer-major (start has consumers + 1 entries). */
interface HeldOut {
  start: Int32Array;
  items: Int32Array;
}

function heldOutPurchases(log: PlantedLog, trainDays: number): HeldOut {
  const { consumers } = log.settings;
  const seen = new Set<number>();
  const lists: number[][] = Array.from({ length: consumers }, () => []);
  for (let e = 0; e < log.length; e++) {
    if (log.day[e] < trainDays || log.kind[e] !== EVENT_PURCHASE) continue;
    const key = log.consumer[e] * log.settings.items + log.item[e];
    if (seen.has(key)) continue;
    seen.add(key);
    lists[log.consumer[e]].push(log.item[e]);
  }
  const start = new Int32Array(consumers + 1);
  for (let c = 0; c < consumers; c++) start[c + 1] = start[c] + lists[c].length;
  return { start, items: Int32Array.from(lists.flat()) };
}

function platformParams(options: OfflineEvaluationOptions): PlatformParams {
  return scenarioSchema.parse({
    name: 'offline-evaluation',
    population: { size: options.log.consumers },
    catalog: { items: options.log.items, categories: options.log.categories, featureDims: options.log.dims },
    platform: options.platform ?? {},
  }).platform;
}

function evaluatePolicy(name: PolicyName, log: PlantedLog, heldOut: HeldOut, params: PlatformParams, options: OfflineEvaluationOptions): OfflineRow {
  const { catalog } = log;
  const observations = new PlatformObservations(log.settings.consumers, catalog, new Uint8Array(log.settings.consumers));
  const rankings = new DailyRankings(catalog, namedStream(log.settings.seed, 'platform/rankings'));
  const policy = createPolicy(name, { catalog, observations, rankings, params });
  rankings.rebuild(observations);
  const trainSeconds = replayTraining(log, options.trainDays, observations, rankings, policy, params);
  const pool = new CandidatePool(Math.max(params.candidates, params.overPush.feedLength * 2), catalog);
  const draw = namedStream(log.settings.seed, `offline/${name}`);
  const top = new Int32Array(options.cutoff);
  const topScores = new Float64Array(options.cutoff);
  let hits = 0;
  let gain = 0;
  let evaluated = 0;
  for (let c = 0; c < log.settings.consumers; c++) {
    const from = heldOut.start[c];
    const to = heldOut.start[c + 1];
    if (to === from) continue;
    evaluated++;
    pool.reset();
    policy.collectCandidates(c, pool, draw);
    policy.score(c, pool, draw);
    let filled = 0;
    for (let k = 0; k < pool.count; k++) filled = insertTop(top, topScores, 0, options.cutoff, filled, pool.items[k], pool.scores[k]);
    let dcg = 0;
    let hit = false;
    for (let r = 0; r < filled; r++) {
      for (let h = from; h < to; h++) {
        if (heldOut.items[h] !== top[r]) continue;
        dcg += 1 / Math.log2(r + 2);
        hit = true;
      }
    }
    let ideal = 0;
    for (let r = 0; r < Math.min(to - from, options.cutoff); r++) ideal += 1 / Math.log2(r + 2);
    if (hit) hits++;
    gain += dcg / ideal;
  }
  return { policy: name, hitRate: evaluated > 0 ? hits / evaluated : 0, ndcg: evaluated > 0 ? gain / evaluated : 0, trainSeconds };
}

/** Feeds the training days to the observations, with the platform's overnight steps after each day. */
function replayTraining(
  log: PlantedLog,
  trainDays: number,
  observations: PlatformObservations,
  rankings: DailyRankings,
  policy: RecommenderPolicy,
  params: PlatformParams,
): number {
  let e = 0;
  let seconds = 0;
  for (let day = 0; day < trainDays; day++) {
    for (; e < log.length && log.day[e] === day; e++) {
      const consumer = log.consumer[e];
      const item = log.item[e];
      const kind = log.kind[e];
      if (kind === EVENT_IMPRESSION) observations.recordImpression(consumer, item);
      else if (kind === EVENT_VIEW) observations.recordView(consumer, item);
      else if (kind === EVENT_PURCHASE) observations.recordPurchase(consumer, item);
      else if (kind === EVENT_RETURN) observations.recordReturn(consumer, item);
    }
    observations.decay(params.policyParams.content.profileHalfLifeDays, params.policyParams.popularity.halfLifeDays);
    rankings.rebuild(observations);
    const started = process.hrtime.bigint();
    policy.train(day);
    seconds += Number(process.hrtime.bigint() - started) / 1e9;
  }
  return seconds;
}

/** The evaluation as a fixed-width text table. */
export function formatOfflineTable(result: OfflineEvaluation): string {
  const k = result.cutoff;
  const header = ['policy', `HR@${k}`, `NDCG@${k}`, 'train s'];
  const lines = result.rows.map((row) => [row.policy, row.hitRate.toFixed(3), row.ndcg.toFixed(4), row.trainSeconds.toFixed(2)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)));
  const format = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [
    `offline evaluation: ${result.evaluatedConsumers} consumers with ${result.heldOutPurchases} held-out purchases`,
    format(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...lines.map(format),
  ].join('\n');
}
