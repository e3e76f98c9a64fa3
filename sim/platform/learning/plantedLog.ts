import { createCatalog } from '../../catalog.js';
import { namedStream, type RandomSource } from '../../rng.js';
import { scenarioSchema } from '../../scenario/schema.js';
import { publicCatalogOf } from '../publicCatalog.js';
import type { PublicCatalog } from '../publicCatalog.js';
import { EVENT_IMPRESSION, EVENT_PURCHASE, EVENT_RETURN, EVENT_VIEW } from './interactionLog.js';

/** The shape of a planted interaction log. */
export interface PlantedLogSettings {
  consumers: number;
  items: number;
  /** Taste blocks: each consumer and each item belongs to one. */
  blocks: number;
  /** Product categories, assigned independently of blocks (so category popularity alone does not reveal taste). */
  categories: number;
  dims: number;
  days: number;
  /** Share of consumers active on a day. */
  activeShare: number;
  /** Items an active consumer views a day. */
  viewsPerDay: number;
  /** Items shown but not viewed per active day (impressions without a view). */
  skippedPerDay: number;
  /** Share of views drawn from the consumer's own block (the rest from the whole catalog). */
  blockLoyalty: number;
  /** Chance a view of an own-block item ends in a purchase; other items sell at a fifth of it. */
  purchaseChance: number;
  /** Zipf exponent of item appeal within a block (popularity skew). */
  popularitySkew: number;
  /** Chance a purchase is returned the same day. */
  returnChance: number;
  seed: number;
}

/** Defaults: 2,000 consumers, 1,000 items in 8 taste blocks, 21 days. */
export const DEFAULT_PLANTED_LOG: PlantedLogSettings = {
  consumers: 2000,
  items: 1000,
  blocks: 8,
  categories: 10,
  dims: 8,
  days: 21,
  activeShare: 0.6,
  viewsPerDay: 6,
  skippedPerDay: 10,
  blockLoyalty: 0.8,
  purchaseChance: 0.12,
  popularitySkew: 0.9,
  returnChance: 0.08,
  seed: 1,
};

/**
 * A simulated interaction log with planted structure: consumers in taste blocks view mostly their block's items,
 * chosen by a skewed (Zipf) appeal, and buy own-block items far more often; item features are their block's centroid
 * plus noise. Events are in day order with their day; a learner meets them through the platform's observation API.
 */
export interface PlantedLog {
  readonly settings: PlantedLogSettings;
  readonly catalog: PublicCatalog;
  readonly consumerBlock: Int32Array;
  readonly itemBlock: Int32Array;
  readonly day: Int32Array;
  readonly consumer: Int32Array;
  readonly item: Int32Array;
  readonly kind: Uint8Array;
  readonly length: number;
}

/** Generates the log from the settings' seed. */
export function createPlantedLog(settings: PlantedLogSettings): PlantedLog {
  const draw = namedStream(settings.seed, 'offline/planted-log');
  const { consumers, items, blocks } = settings;
  const itemBlock = new Int32Array(items);
  const consumerBlock = new Int32Array(consumers);
  for (let i = 0; i < items; i++) itemBlock[i] = i % blocks;
  shuffle(itemBlock, draw);
  for (let c = 0; c < consumers; c++) consumerBlock[c] = Math.floor(draw() * blocks);
  const catalog = plantedCatalog(settings, itemBlock, draw);
  const appeal = new Float64Array(items);
  const rank = new Int32Array(blocks);
  for (let i = 0; i < items; i++) appeal[i] = 1 / Math.pow(1 + rank[itemBlock[i]]++, settings.popularitySkew);
  const blockTables = blockAppealTables(itemBlock, appeal, blocks);
  const globalTable = cumulative(Int32Array.from({ length: items }, (_, i) => i), appeal);

  const capacity = Math.ceil(consumers * settings.days * settings.activeShare * (settings.viewsPerDay * 2.2 + settings.skippedPerDay) + 1024);
  const out = { day: new Int32Array(capacity), consumer: new Int32Array(capacity), item: new Int32Array(capacity), kind: new Uint8Array(capacity) };
  let length = 0;
  const push = (day: number, c: number, item: number, kind: number) => {
    if (length === out.day.length) throw new RangeError('planted log overflow');
    out.day[length] = day;
    out.consumer[length] = c;
    out.item[length] = item;
    out.kind[length++] = kind;
  };
  for (let day = 0; day < settings.days; day++) {
    for (let c = 0; c < consumers; c++) {
      if (draw() >= settings.activeShare) continue;
      const own = blockTables[consumerBlock[c]];
      for (let v = 0; v < settings.viewsPerDay; v++) {
        const fromOwn = draw() < settings.blockLoyalty;
        const item = fromOwn ? pick(own, draw) : pick(globalTable, draw);
        push(day, c, item, EVENT_IMPRESSION);
        push(day, c, item, EVENT_VIEW);
        const chance = itemBlock[item] === consumerBlock[c] ? settings.purchaseChance : settings.purchaseChance / 5;
        if (draw() < chance) {
          push(day, c, item, EVENT_PURCHASE);
          if (draw() < settings.returnChance) push(day, c, item, EVENT_RETURN);
        }
      }
      for (let s = 0; s < settings.skippedPerDay; s++) push(day, c, pick(globalTable, draw), EVENT_IMPRESSION);
    }
  }
  return { settings, catalog, consumerBlock, itemBlock, day: out.day, consumer: out.consumer, item: out.item, kind: out.kind, length };
}

interface CumulativeTable {
  readonly items: Int32Array;
  readonly cumulative: Float64Array;
}

function cumulative(items: Int32Array, appeal: Float64Array): CumulativeTable {
  const sums = new Float64Array(items.length);
  let total = 0;
  for (let k = 0; k < items.length; k++) sums[k] = total += appeal[items[k]];
  return { items, cumulative: sums };
}

function blockAppealTables(itemBlock: Int32Array, appeal: Float64Array, blocks: number): CumulativeTable[] {
  const tables: CumulativeTable[] = [];
  for (let b = 0; b < blocks; b++) {
    const members = Int32Array.from(Array.from(itemBlock.keys()).filter((i) => itemBlock[i] === b));
    tables.push(cumulative(members, appeal));
  }
  return tables;
}

/** Draws an item with probability proportional to its appeal (binary search on the cumulative sums). */
function pick(table: CumulativeTable, draw: RandomSource): number {
  const target = draw() * table.cumulative[table.cumulative.length - 1];
  let lo = 0;
  let hi = table.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table.cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return table.items[lo];
}

function shuffle(values: Int32Array, draw: RandomSource): void {
  for (let k = values.length - 1; k > 0; k--) {
    const j = Math.floor(draw() * (k + 1));
    const held = values[k];
    values[k] = values[j];
    values[j] = held;
  }
}

/**
 * The planted items as a public catalog: a catalog of the right shape whose features are replaced by the item's block
 * centroid plus noise and whose categories are drawn independently of blocks; ample stock, no live rooms, no offers.
 */
function plantedCatalog(settings: PlantedLogSettings, itemBlock: Int32Array, draw: RandomSource): PublicCatalog {
  const { items, dims, blocks, categories } = settings;
  const shape = scenarioSchema.parse({
    name: 'planted-log',
    population: { size: 1 },
    catalog: { items, categories, featureDims: dims, liveItemShare: 0, limitedOfferShare: 0 },
  }).catalog;
  const catalog = publicCatalogOf(createCatalog(shape, settings.seed));
  const centroids = new Float32Array(blocks * dims);
  for (let k = 0; k < centroids.length; k++) centroids[k] = gaussian(draw);
  const { features, category } = catalog;
  for (let i = 0; i < items; i++) {
    let norm = 0;
    for (let k = 0; k < dims; k++) {
      const value = centroids[itemBlock[i] * dims + k] + 0.8 * gaussian(draw);
      features[i * dims + k] = value;
      norm += value * value;
    }
    for (let k = 0; k < dims; k++) features[i * dims + k] /= Math.sqrt(norm) || 1;
    category[i] = Math.floor(draw() * categories);
  }
  catalog.stock.fill(1_000_000);
  catalog.live.fill(0);
  catalog.limitedOffer.fill(0);
  return catalog;
}

function gaussian(draw: RandomSource): number {
  return Math.sqrt(-2 * Math.log(1 - draw())) * Math.cos(2 * Math.PI * draw());
}
