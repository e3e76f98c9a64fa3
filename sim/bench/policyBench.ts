import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_PURCHASE, EVENT_RETURN, EVENT_VIEW } from '../platform/learning/interactionLog.js';
import { createPlantedLog, DEFAULT_PLANTED_LOG } from '../platform/learning/plantedLog.js';
import { PlatformObservations } from '../platform/observations.js';
import { createPolicy } from '../platform/policies/index.js';
import { DailyRankings } from '../platform/rankings.js';
import { namedStream } from '../rng.js';
import { simulate } from '../run.js';
import { loadScenario } from '../scenario/load.js';
import { scenarioSchema, type PolicyName } from '../scenario/schema.js';

/*
 * Learned policies' costs: (1) `mf` retraining at BENCH_MF_CONSUMERS x BENCH_MF_ITEMS (default 100,000 x 5,000) on
 * recent histories filled from a planted log, and the other learners' overnight training at the same size;
 * (2) whole runs of the default scenario per policy at BENCH_POLICY_CONSUMERS x BENCH_POLICY_DAYS (default 20,000 x 20):
 * wall time, exposures per second and the cost per exposure against `content`. BENCH_POLICIES narrows the list.
 * Run with `node dist/sim/bench/policyBench.js` after `npm run build`. Not part of `npm test`.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const line = (label: string, value: string) => console.log(`${label.padEnd(34)} ${value}`);

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function benchTraining(): void {
  const consumers = env('BENCH_MF_CONSUMERS', 100_000);
  const items = env('BENCH_MF_ITEMS', 5_000);
  const log = createPlantedLog({
    ...DEFAULT_PLANTED_LOG,
    consumers,
    items,
    blocks: 40,
    categories: 20,
    days: 4,
    activeShare: 0.8,
    viewsPerDay: 10,
    skippedPerDay: 0,
  });
  const params = scenarioSchema.parse({
    name: 'bench',
    population: { size: consumers },
    catalog: { items, categories: 20, featureDims: log.settings.dims },
  }).platform;
  console.log(`overnight training at ${consumers.toLocaleString('en-US')} consumers x ${items.toLocaleString('en-US')} items`);
  for (const name of (['mf', 'item-cf', 'user-cf', 'bandit'] as PolicyName[]).filter(wanted)) {
    const observations = new PlatformObservations(consumers, log.catalog, new Uint8Array(consumers));
    const rankings = new DailyRankings(log.catalog, namedStream(1, 'platform/rankings'));
    const policy = createPolicy(name, { catalog: log.catalog, observations, rankings, params });
    for (let e = 0; e < log.length; e++) {
      const kind = log.kind[e];
      if (kind === EVENT_VIEW) observations.recordView(log.consumer[e], log.item[e]);
      else if (kind === EVENT_PURCHASE) observations.recordPurchase(log.consumer[e], log.item[e]);
      else if (kind === EVENT_RETURN) observations.recordReturn(log.consumer[e], log.item[e]);
      else observations.recordImpression(log.consumer[e], log.item[e]);
    }
    observations.publishHour();
    const history = observations.history;
    let entries = 0;
    if (history) for (let c = 0; c < consumers; c++) entries += history.count[c];
    observations.decay(14, 7);
    rankings.rebuild(observations);
    const started = process.hrtime.bigint();
    policy.train(0);
    const first = seconds(started);
    // The next scheduled retraining, warm-started from the first.
    const schedule = name === 'bandit' ? 1 : params.policyParams[name as 'mf' | 'item-cf' | 'user-cf'].retrainEveryDays;
    const again = process.hrtime.bigint();
    policy.train(schedule);
    line(`${name} training`, `${first.toFixed(2)} s first, ${seconds(again).toFixed(2)} s warm (${entries.toLocaleString('en-US')} history entries)`);
  }
}

function wanted(name: string): boolean {
  const list = process.env.BENCH_POLICIES;
  return !list || list.split(',').includes(name);
}

function benchRuns(): void {
  const consumers = env('BENCH_POLICY_CONSUMERS', 20_000);
  const days = env('BENCH_POLICY_DAYS', 20);
  console.log(`default scenario per policy, ${consumers.toLocaleString('en-US')} consumers x ${days} days, one core`);
  let contentCost = 0;
  for (const name of (['content', 'popularity', 'item-cf', 'user-cf', 'mf', 'bandit', 'hybrid'] as PolicyName[]).filter(wanted)) {
    const { scenario } = loadScenario(path.join(root, 'scenarios/default.yaml'), {
      overrides: [`population.size=${consumers}`, `run.days=${days}`, `platform.policy=${name}`],
    });
    const folder = mkdtempSync(path.join(os.tmpdir(), 'mallsim-policy-bench-'));
    try {
      const result = simulate(scenario, folder);
      const exposures = result.summary.exposures;
      const cost = result.wallSeconds / exposures;
      if (name === 'content') contentCost = cost;
      const ratio = contentCost > 0 ? ` (${(cost / contentCost).toFixed(2)}x content per exposure)` : '';
      line(`${name}`, `${result.wallSeconds.toFixed(2)} s, ${(exposures / result.wallSeconds / 1e6).toFixed(2)} M exposures/s${ratio}, ${result.summary.purchases.toLocaleString('en-US')} purchases`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
}

if (process.env.BENCH_SKIP_TRAINING !== '1') benchTraining();
if (process.env.BENCH_SKIP_RUNS !== '1') benchRuns();
