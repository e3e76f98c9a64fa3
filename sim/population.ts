import { randomNormal } from 'd3-random';
import { makeSampler, type Support } from './distributions.js';
import type { Catalog } from './catalog.js';
import { BankCursor, StreamBank } from './rng.js';
import type { Scenario, TraitName } from './scenario/schema.js';
import { normalizeRow } from './vectors.js';
import { worldSeedsOf } from './worldSeeds.js';

/** Trait order is part of the random-stream layout: trait t of consumer i is drawn from stream (i, epoch t + 1). */
export const TRAIT_ORDER: readonly TraitName[] = [
  'impulsivity',
  'selfControlCapacity',
  'conformity',
  'priceSensitivity',
  'income',
  'initialSavings',
  'payday',
  'presentBias',
  'privacyConcern',
  'initialTrust',
  'initialHabit',
  'attention',
];

const TRAIT_SUPPORT: Record<TraitName, Support> = {
  impulsivity: { min: 0, max: 1 },
  selfControlCapacity: { min: 0, max: 1 },
  conformity: { min: 0, max: 1 },
  priceSensitivity: { min: 0, max: Infinity },
  income: { min: 1e-6, max: Infinity },
  initialSavings: { min: 0, max: Infinity },
  payday: { min: 1, max: 30.999 },
  presentBias: { min: 1e-6, max: 1 },
  privacyConcern: { min: 0, max: 1 },
  initialTrust: { min: 0, max: 1 },
  initialHabit: { min: 0, max: 1 },
  attention: { min: 0, max: 0.999 },
};

/** Stream epochs at creation beyond the traits. */
const SEGMENT_EPOCH = 0;
const INTEREST_EPOCH = TRAIT_ORDER.length + 1;
const OPT_OUT_EPOCH = TRAIT_ORDER.length + 2;

/**
 * Consumers as struct-of-arrays columns indexed by consumer id. Traits are fixed at creation; state changes
 * through the day story. `interest` and every emotional or self-control state are hidden from the platform.
 */
export class Population {
  readonly size: number;
  readonly dims: number;
  readonly categories: number;
  readonly segmentNames: readonly string[];
  readonly segment: Uint8Array;

  // Traits.
  readonly impulsivity: Float64Array;
  readonly selfControlCapacity: Float64Array;
  readonly conformity: Float64Array;
  readonly priceSensitivity: Float64Array;
  /** Monthly discretionary shopping income. */
  readonly income: Float64Array;
  readonly payday: Uint8Array;
  readonly presentBias: Float64Array;
  readonly privacyConcern: Float64Array;
  readonly attention: Float64Array;
  /** True interests (consumers x dims), unit length; drift toward what is consumed. */
  readonly interest: Float32Array;
  /** Daily growth of each need (consumers x categories). */
  readonly needRate: Float32Array;
  /** 1 when the consumer opted out of personalization. */
  readonly optedOut: Uint8Array;

  // State.
  readonly emotion: Float64Array;
  readonly trust: Float64Array;
  readonly selfControl: Float64Array;
  readonly budget: Float64Array;
  readonly fatigue: Float64Array;
  readonly habit: Float64Array;
  /** Need level per category in [0, 1] (consumers x categories). */
  readonly need: Float32Array;
  /** Features consumed today, weighted: the pull on interests applied overnight (consumers x dims). */
  readonly interestPull: Float32Array;
  readonly churned: Uint8Array;
  /** Day of churn, -1 while active. */
  readonly churnDay: Int16Array;
  /** Spending since the last payday. */
  readonly cycleSpend: Float64Array;
  /** 1 once a budget reminder fired in this pay cycle. */
  readonly reminded: Uint8Array;
  /** 1 once spending passed income in this pay cycle. */
  readonly overBudgetThisCycle: Uint8Array;
  readonly pushesToday: Uint8Array;
  /** The last item watched under a false urgency label, -1 for none, and the day it was watched (consumer/falseLabels.ts). */
  readonly falseLabelItem: Int32Array;
  readonly falseLabelDay: Int32Array;

  // Totals for the consumers table.
  readonly initialTrust: Float64Array;
  readonly purchases: Int32Array;
  readonly impulsePurchases: Int32Array;
  readonly cartPurchases: Int32Array;
  readonly regrets: Int32Array;
  readonly returns: Int32Array;
  /** Purchases delivered and judged, and their consumer welfare in money (docs/MODEL.md 7.10). */
  readonly evaluated: Int32Array;
  readonly welfare: Float64Array;
  readonly spend: Float64Array;
  readonly refunds: Float64Array;
  readonly sessions: Int32Array;
  readonly exposures: Int32Array;
  readonly activeDays: Int32Array;
  readonly overBudgetCycles: Int32Array;
  /** Purchases per category (consumers x categories), for diversity measures. */
  readonly purchasesByCategory: Uint16Array;
  /** Category of the consumer's last purchase, -1 before the first: whether the next one switches category. */
  readonly lastPurchaseCategory: Int16Array;

  constructor(size: number, dims: number, categories: number, segmentNames: readonly string[]) {
    this.size = size;
    this.dims = dims;
    this.categories = categories;
    this.segmentNames = segmentNames;
    const f64 = () => new Float64Array(size);
    const i32 = () => new Int32Array(size);
    this.segment = new Uint8Array(size);
    this.impulsivity = f64();
    this.selfControlCapacity = f64();
    this.conformity = f64();
    this.priceSensitivity = f64();
    this.income = f64();
    this.payday = new Uint8Array(size);
    this.presentBias = f64();
    this.privacyConcern = f64();
    this.attention = f64();
    this.interest = new Float32Array(size * dims);
    this.needRate = new Float32Array(size * categories);
    this.optedOut = new Uint8Array(size);
    this.emotion = f64();
    this.trust = f64();
    this.selfControl = f64();
    this.budget = f64();
    this.fatigue = f64();
    this.habit = f64();
    this.need = new Float32Array(size * categories);
    this.interestPull = new Float32Array(size * dims);
    this.churned = new Uint8Array(size);
    this.churnDay = new Int16Array(size).fill(-1);
    this.cycleSpend = f64();
    this.reminded = new Uint8Array(size);
    this.overBudgetThisCycle = new Uint8Array(size);
    this.pushesToday = new Uint8Array(size);
    this.falseLabelItem = new Int32Array(size).fill(-1);
    this.falseLabelDay = i32();
    this.initialTrust = f64();
    this.purchases = i32();
    this.impulsePurchases = i32();
    this.cartPurchases = i32();
    this.regrets = i32();
    this.returns = i32();
    this.evaluated = i32();
    this.welfare = f64();
    this.spend = f64();
    this.refunds = f64();
    this.sessions = i32();
    this.exposures = i32();
    this.activeDays = i32();
    this.overBudgetCycles = i32();
    this.purchasesByCategory = new Uint16Array(size * categories);
    this.lastPurchaseCategory = new Int16Array(size).fill(-1);
  }
}

/**
 * Draws the population. Each consumer's segment, each trait and the interests come from the consumer's own stream
 * at a fixed epoch, so changing one trait's distribution leaves every other draw of every consumer unchanged. With
 * `owns`, a replica of a run on several threads draws only its own consumers in full; of the others it draws only
 * what choosing who opts out needs (every consumer's privacy concern) and what choosing KOL audiences needs (every
 * consumer's interests at the start), and their other rows stay zero.
 */
export function createPopulation(scenario: Scenario, catalog: Catalog, owns: ((consumer: number) => boolean) | null = null): Population {
  const { population: params } = scenario;
  const segmentNames = params.segments.map((s) => s.name);
  if (segmentNames.length > 255) throw new RangeError('population.segments: at most 255 segments');
  const pop = new Population(params.size, catalog.dims, catalog.categories, segmentNames);
  const bank = new StreamBank(worldSeedsOf(scenario).population, 'population', params.size);
  const cursor = new BankCursor(bank);
  const shares = normalizedShares(params.segments.map((s) => s.share));
  const traitsBySegment = params.segments.map((s) => ({ ...params.traits, ...definedOnly(s.traits) }));

  const { optOutShare, optOutMode } = scenario.platform.nudges;
  const concernOfAll = optOutShare > 0 && optOutMode === 'privacy';
  const interestsOfAll = scenario.social.network !== 'none' && scenario.social.kols > 0;
  for (let i = 0; i < params.size; i++) {
    const full = owns === null || owns(i);
    if (!full && !concernOfAll && !interestsOfAll) continue;
    cursor.id = i;
    bank.reseed(i, SEGMENT_EPOCH);
    const segment = pickIndex(shares, bank.next(i));
    pop.segment[i] = segment;
    const traits = traitsBySegment[segment];
    const draw = (name: TraitName): number => {
      bank.reseed(i, TRAIT_ORDER.indexOf(name) + 1);
      // A sampler per draw: d3's normal sampler caches its second value, which would leak between consumers.
      return makeSampler(traits[name], cursor.source, TRAIT_SUPPORT[name])();
    };
    if (!full) {
      if (concernOfAll) pop.privacyConcern[i] = draw('privacyConcern');
      if (interestsOfAll) {
        bank.reseed(i, INTEREST_EPOCH);
        drawInterests(pop, catalog, i, scenario, cursor);
        // Only the interests: another replica owns this consumer's needs.
        pop.need.fill(0, i * catalog.categories, (i + 1) * catalog.categories);
        pop.needRate.fill(0, i * catalog.categories, (i + 1) * catalog.categories);
      }
      continue;
    }
    pop.impulsivity[i] = draw('impulsivity');
    pop.selfControlCapacity[i] = draw('selfControlCapacity');
    pop.conformity[i] = draw('conformity');
    pop.priceSensitivity[i] = draw('priceSensitivity');
    pop.income[i] = draw('income');
    pop.budget[i] = draw('initialSavings') * pop.income[i];
    pop.payday[i] = Math.floor(draw('payday'));
    pop.presentBias[i] = draw('presentBias');
    pop.privacyConcern[i] = draw('privacyConcern');
    pop.trust[i] = draw('initialTrust');
    pop.initialTrust[i] = pop.trust[i];
    pop.habit[i] = draw('initialHabit');
    pop.attention[i] = draw('attention');
    pop.selfControl[i] = pop.selfControlCapacity[i];
    pop.emotion[i] = scenario.consumer.emotion.baseline;
    bank.reseed(i, INTEREST_EPOCH);
    drawInterests(pop, catalog, i, scenario, cursor);
  }
  assignOptOut(pop, scenario, bank);
  return pop;
}

/**
 * Interests: a weighted mix of a few category centroids plus noise. Needs grow in a category in proportion to the
 * squared affinity (cosine) between the consumer's interests and the category: people need what they care about.
 */
function drawInterests(pop: Population, catalog: Catalog, i: number, scenario: Scenario, cursor: BankCursor): void {
  const { dims, categories } = catalog;
  const source = cursor.source;
  const gaussian = randomNormal.source(source)(0, 1);
  const o = i * dims;
  const picked = new Set<number>();
  while (picked.size < scenario.population.interestCategories) picked.add(Math.floor(source() * categories));
  for (const c of picked) {
    const weight = 0.5 + 0.5 * source();
    for (let k = 0; k < dims; k++) pop.interest[o + k] += weight * catalog.centroids[c * dims + k];
  }
  normalizeRow(pop.interest, i, dims);
  const noise = scenario.population.interestNoise / Math.sqrt(dims);
  for (let k = 0; k < dims; k++) pop.interest[o + k] += noise * gaussian();
  normalizeRow(pop.interest, i, dims);
  const threshold = scenario.consumer.planned.needThreshold;
  setNeedRates(pop, catalog, i);
  for (let c = 0; c < categories; c++) pop.need[i * categories + c] = threshold * source();
}

/**
 * Consumer i's daily need growth per category: the category's base growth times the squared affinity (cosine, floored
 * at 0) between the consumer's interests and the category. People need what they care about, so needs follow
 * interests as they drift.
 */
export function setNeedRates(pop: Population, catalog: Catalog, i: number): void {
  const { dims, categories } = catalog;
  const o = i * dims;
  for (let c = 0; c < categories; c++) {
    let affinity = 0;
    for (let k = 0; k < dims; k++) affinity += pop.interest[o + k] * catalog.centroids[c * dims + k];
    affinity = Math.max(0, affinity);
    pop.needRate[i * categories + c] = catalog.needGrowth[c] * affinity * affinity;
  }
}

/** Opt-out of personalization: a random share, or the share with the highest privacy concern. */
function assignOptOut(pop: Population, scenario: Scenario, bank: StreamBank): void {
  const { optOutShare, optOutMode } = scenario.platform.nudges;
  if (optOutShare <= 0) return;
  if (optOutMode === 'random') {
    for (let i = 0; i < pop.size; i++) {
      bank.reseed(i, OPT_OUT_EPOCH);
      pop.optedOut[i] = bank.next(i) < optOutShare ? 1 : 0;
    }
    return;
  }
  const order = Array.from({ length: pop.size }, (_, i) => i);
  order.sort((a, b) => pop.privacyConcern[b] - pop.privacyConcern[a] || a - b);
  const count = Math.round(optOutShare * pop.size);
  for (let k = 0; k < count; k++) pop.optedOut[order[k]] = 1;
}

function normalizedShares(weights: readonly number[]): Float64Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = new Float64Array(weights.length);
  let running = 0;
  weights.forEach((w, k) => {
    running += w / total;
    cumulative[k] = running;
  });
  cumulative[weights.length - 1] = 1;
  return cumulative;
}

function pickIndex(cumulative: Float64Array, u: number): number {
  for (let k = 0; k < cumulative.length; k++) if (u < cumulative[k]) return k;
  return cumulative.length - 1;
}

function definedOnly<T extends object>(overrides: T): Partial<T> {
  return Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<T>;
}
