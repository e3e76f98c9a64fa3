import { randomInt, randomNormal } from 'd3-random';
import { makeSampler } from './distributions.js';
import { namedStream } from './rng.js';
import type { CatalogParams } from './scenario/schema.js';
import type { ItemTally } from './itemTally.js';
import { normalizeRow } from './vectors.js';
import { drawHour, HOURS_PER_DAY } from './hours.js';
import { balanceClustering, crowding, pairByCrowding, PAIRING_STEPS, stratifiedDraws } from './categoryDraws.js';

const UNIT = { min: 0, max: 1 } as const;
const POSITIVE = { min: 1e-6, max: Infinity } as const;

/**
 * Items as typed-array columns indexed by item id. Features, price, category, live flag and the sales counters are
 * public (the platform may read them); quality is hidden until a buyer experiences it.
 */
export class Catalog {
  readonly size: number;
  readonly categories: number;
  readonly dims: number;
  /** Category centroids in feature space (categories x dims), unit length. */
  readonly centroids: Float32Array;
  readonly category: Uint16Array;
  /** Item features (items x dims), unit length. */
  readonly features: Float32Array;
  readonly price: Float64Array;
  /** True quality in [0, 1]: what a buyer gets, hidden from everyone before delivery. */
  readonly quality: Float64Array;
  /** Marketing intensity in [0, 1]: inflates expectations. */
  readonly hype: Float64Array;
  /** 1 when the item is sold in live rooms. */
  readonly live: Uint8Array;
  readonly hostCharisma: Float64Array;
  /** Each live room's first hour on air every day, and how many hours it stays on (scheduleLiveRooms). */
  readonly liveStartHour: Uint8Array;
  liveRoomHours = 24;
  /** 1 when the live room is on air in the current hour: only then can a feed show it as a live room. */
  readonly onAir: Uint8Array;
  readonly stockCapacity: Int32Array;
  readonly stock: Int32Array;
  /** 1 while the item's limited-time offer runs: all day, or in its hours (catalog.offerHours, setOffersOfHour). */
  readonly limitedOffer: Uint8Array;
  /** 1 when the item has a limited-time offer today, and the hour it starts (used when offers last under 24 hours). */
  readonly offerToday: Uint8Array;
  readonly offerStartHour: Uint8Array;
  offerHours = 24;
  /** Share taken off the price while an offer runs (0: the offer is a label only). */
  offerDiscount = 0;
  readonly salesToday: Int32Array;
  /** Viewers of each live room today: the "N watching" count. */
  readonly viewersToday: Int32Array;
  readonly salesTotal: Int32Array;
  /** Sales with a one-week decay: the basis of "N bought" counters. */
  readonly salesRecent: Float64Array;
  /** Median price of each category. */
  readonly categoryMedianPrice: Float64Array;
  /** Daily growth of a need in each category before a consumer's affinity scales it. */
  readonly needGrowth: Float64Array;
  /**
   * Market consumers per simulated consumer (population.marketSize / size): what the platform displays of the
   * crowd (sales and viewer counters) is the sample's count times this, and each item's stock is the sample's share.
   */
  marketScale = 1;

  constructor(size: number, categories: number, dims: number) {
    this.size = size;
    this.categories = categories;
    this.dims = dims;
    this.centroids = new Float32Array(categories * dims);
    this.category = new Uint16Array(size);
    this.features = new Float32Array(size * dims);
    this.price = new Float64Array(size);
    this.quality = new Float64Array(size);
    this.hype = new Float64Array(size);
    this.live = new Uint8Array(size);
    this.hostCharisma = new Float64Array(size);
    this.liveStartHour = new Uint8Array(size);
    this.onAir = new Uint8Array(size);
    this.stockCapacity = new Int32Array(size);
    this.stock = new Int32Array(size);
    this.limitedOffer = new Uint8Array(size);
    this.offerToday = new Uint8Array(size);
    this.offerStartHour = new Uint8Array(size);
    this.salesToday = new Int32Array(size);
    this.viewersToday = new Int32Array(size);
    this.salesTotal = new Int32Array(size);
    this.salesRecent = new Float64Array(size);
    this.categoryMedianPrice = new Float64Array(categories);
    this.needGrowth = new Float64Array(categories);
  }
}

/** Market consumers per simulated consumer: population.marketSize / population.size (1 when no market is set). */
export function marketScaleOf(population: { readonly size: number; readonly marketSize?: number | undefined }): number {
  return (population.marketSize ?? population.size) / population.size;
}

/**
 * Draws a catalog from the scenario with the `catalog` stream of the catalog seed. `marketScale` (see Catalog.marketScale) divides
 * the stock the simulated consumers can buy.
 */
export function createCatalog(params: CatalogParams, catalogSeed: number, marketScale = 1): Catalog {
  const source = namedStream(catalogSeed, 'catalog');
  const catalog = new Catalog(params.items, params.categories, params.featureDims);
  catalog.marketScale = marketScale;
  const { dims } = catalog;
  const gaussian = randomNormal.source(source)(0, 1);
  const pickCategory = randomInt.source(source)(0, params.categories);
  const medianPrice = makeSampler(params.categoryMedianPrice, source, POSITIVE);
  const needGrowth = makeSampler(params.needGrowth, source, UNIT);

  if (params.categoryDraws === 'balanced') {
    // Category-level draws are few and every consumer depends on them: balanced, the market's aggregates hardly
    // follow the catalog seed, while each category's draws keep their distribution.
    for (let c = 0; c < params.categories; c++) for (let k = 0; k < dims; k++) catalog.centroids[c * dims + k] = gaussian();
    balanceClustering(catalog.centroids, params.categories, dims);
    catalog.categoryMedianPrice.set(stratifiedDraws(medianPrice, params.categories, source));
    catalog.needGrowth.set(stratifiedDraws(needGrowth, params.categories, source));
    // Which categories are cheap, and which grow needs fast, relative to how crowded they sit (MODEL.md 5.1).
    const crowded = crowding(catalog.centroids, params.categories, dims);
    pairByCrowding(catalog.categoryMedianPrice, crowded, PAIRING_STEPS.price, source);
    pairByCrowding(catalog.needGrowth, crowded, PAIRING_STEPS.needGrowth, source);
  } else {
    for (let c = 0; c < params.categories; c++) {
      for (let k = 0; k < dims; k++) catalog.centroids[c * dims + k] = gaussian();
      normalizeRow(catalog.centroids, c, dims);
      catalog.categoryMedianPrice[c] = medianPrice();
      catalog.needGrowth[c] = needGrowth();
    }
  }

  const quality = makeSampler(params.quality, source, UNIT);
  const hype = makeSampler(params.hype, source, UNIT);
  const charisma = makeSampler(params.hostCharisma, source, UNIT);
  const stock = makeSampler(params.stock, source, { min: 1, max: 1e9 });
  const noise = params.featureNoise / Math.sqrt(dims);
  for (let i = 0; i < params.items; i++) {
    // Every category gets at least one item; the rest are spread at random.
    const c = i < params.categories ? i : pickCategory();
    catalog.category[i] = c;
    for (let k = 0; k < dims; k++) catalog.features[i * dims + k] = catalog.centroids[c * dims + k] + noise * gaussian();
    normalizeRow(catalog.features, i, dims);
    catalog.price[i] = roundToCents(catalog.categoryMedianPrice[c] * Math.exp(params.priceSigma * gaussian()));
    catalog.quality[i] = quality();
    catalog.hype[i] = hype();
    catalog.live[i] = source() < params.liveItemShare ? 1 : 0;
    catalog.onAir[i] = catalog.live[i];
    // Drawn for every item so that the live share does not shift the draws of the items after it.
    const hostCharisma = charisma();
    catalog.hostCharisma[i] = catalog.live[i] ? hostCharisma : 0;
    catalog.stockCapacity[i] = Math.max(1, Math.round(stock() / marketScale));
    catalog.stock[i] = catalog.stockCapacity[i];
  }
  catalog.offerHours = params.offerHours;
  catalog.offerDiscount = params.offerDiscount;
  return catalog;
}

function roundToCents(price: number): number {
  return Math.max(0.01, Math.round(price * 100) / 100);
}

/**
 * Step 1 of the day for the catalog: restock, refresh limited-time offers, roll the sales counters.
 * Offers are drawn from a stream named by the day, so they do not depend on anything consumers did.
 */
export function refreshCatalog(catalog: Catalog, params: CatalogParams, catalogSeed: number, day: number, diurnalCdf: Float64Array): void {
  const offers = namedStream(catalogSeed, `offers/${day}`);
  const recentKept = Math.exp(-1 / 7);
  const timed = params.offerHours < HOURS_PER_DAY;
  for (let i = 0; i < catalog.size; i++) {
    const capacity = catalog.stockCapacity[i];
    // Restocking fills up to capacity; returned units above it are kept, not lost.
    catalog.stock[i] = Math.max(catalog.stock[i], Math.min(capacity, catalog.stock[i] + Math.ceil(params.restockShare * capacity)));
    const offer = offers() < params.limitedOfferShare ? 1 : 0;
    catalog.offerToday[i] = offer;
    catalog.limitedOffer[i] = offer;
    // An offer of a few hours starts when shoppers are there, like a live room (drawn only for timed offers).
    if (timed && offer) catalog.offerStartHour[i] = drawHour(diurnalCdf, offers());
    catalog.salesRecent[i] = catalog.salesRecent[i] * recentKept + catalog.salesToday[i];
    catalog.salesToday[i] = 0;
    catalog.viewersToday[i] = 0;
  }
}

/**
 * The end of an hour for the catalog: the hour's sales leave the stock and join the sales counters, and the hour's
 * live-room viewers join the "N watching" counts. Every order placed in an hour is filled if the item was in stock at
 * the hour's start (buyers in one hour do not see each other); an item that sells out within the hour ends it at zero
 * stock, and the units sold beyond the stock are returned as oversold (filled from the seller's reserve; they are rare
 * and reported in hours.arrow). Returns the oversold units.
 */
export function publishCatalogHour(catalog: Catalog, sold: ItemTally, viewers: ItemTally): number {
  let oversold = 0;
  sold.drain((item, count) => {
    const left = catalog.stock[item] - count;
    if (left < 0) oversold -= left;
    catalog.stock[item] = left > 0 ? left : 0;
    catalog.salesToday[item] += count;
    catalog.salesTotal[item] += count;
  });
  viewers.drain((item, count) => {
    catalog.viewersToday[item] += count;
  });
  return oversold;
}

/** The price paid for `item` now: cut by catalog.offerDiscount while its limited-time offer runs. */
export function priceNow(catalog: Pick<Catalog, 'price' | 'limitedOffer' | 'offerDiscount'>, item: number): number {
  const price = catalog.price[item];
  return catalog.limitedOffer[item] && catalog.offerDiscount > 0 ? roundToCents(price * (1 - catalog.offerDiscount)) : price;
}
