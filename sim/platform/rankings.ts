import type { RandomSource } from '../rng.js';
import type { PlatformObservations } from './observations.js';
import type { PublicCatalog } from './publicCatalog.js';

/** How many items the global and live top lists keep, and each category's list. */
const TOP_ITEMS = 400;
const TOP_LIVE = 100;
const TOP_PER_CATEGORY = 60;

/**
 * Item rankings rebuilt overnight from observed popularity: the platform's cached lists that candidate generation
 * and search draw from, so that no session scans the whole catalog. Ties break by item id for reproducibility.
 */
export class DailyRankings {
  readonly top: Int32Array;
  /** The most popular live rooms on air this hour (selectOnAir), -1 padded. */
  readonly topLive: Int32Array;
  /** How many entries of topLive are filled. */
  liveCount = 0;
  /** Every live room in order of popularity (rebuilt overnight), from which each hour's topLive is taken. */
  private readonly liveOrder: Int32Array;
  private liveRooms = 0;
  /** Each category's most popular items, TOP_PER_CATEGORY slots per category, -1 padded. */
  readonly byCategory: Int32Array;
  readonly perCategory = TOP_PER_CATEGORY;
  /** Popularity scaled to [0, 1] by the day's maximum. */
  readonly popularityScore: Float64Array;
  /** How many items each category's list holds. */
  readonly categoryCount: Int32Array;
  /**
   * Every item of the catalog grouped by category, whatever its popularity: category c's items are
   * `itemsByCategory[categoryStart[c] .. categoryStart[c + 1])`. Fixed for the run.
   */
  readonly itemsByCategory: Int32Array;
  readonly categoryStart: Int32Array;
  private readonly order: Int32Array;

  /**
   * A random rank per item, drawn once from the platform's own stream: it orders items of equal popularity (at the
   * start, all of them), so cold-start lists and search results are a random sample rather than the lowest item ids.
   */
  private readonly tieBreak: Float64Array;

  constructor(
    private readonly catalog: PublicCatalog,
    source: RandomSource,
  ) {
    this.tieBreak = Float64Array.from({ length: catalog.size }, () => source());
    this.top = new Int32Array(Math.min(TOP_ITEMS, catalog.size));
    this.topLive = new Int32Array(TOP_LIVE).fill(-1);
    let rooms = 0;
    for (let i = 0; i < catalog.size; i++) rooms += catalog.live[i];
    this.liveOrder = new Int32Array(rooms);
    this.byCategory = new Int32Array(catalog.categories * TOP_PER_CATEGORY).fill(-1);
    this.popularityScore = new Float64Array(catalog.size);
    this.order = new Int32Array(catalog.size);
    this.categoryCount = new Int32Array(catalog.categories);
    this.categoryStart = new Int32Array(catalog.categories + 1);
    for (let i = 0; i < catalog.size; i++) this.categoryStart[catalog.category[i] + 1]++;
    for (let c = 0; c < catalog.categories; c++) this.categoryStart[c + 1] += this.categoryStart[c];
    this.itemsByCategory = new Int32Array(catalog.size);
    const next = this.categoryStart.slice(0, catalog.categories);
    for (let i = 0; i < catalog.size; i++) this.itemsByCategory[next[catalog.category[i]]++] = i;
  }

  /** Number of items in a category: the length of its range of itemsByCategory. */
  itemsInCategory(category: number): number {
    return this.categoryStart[category + 1] - this.categoryStart[category];
  }

  /** Number of ranked items in a category's list. */
  validInCategory(category: number): number {
    return this.categoryCount[category];
  }

  /** Rebuilds every list from the observations (once a day). */
  rebuild(observations: PlatformObservations): void {
    const { catalog, order } = this;
    const popularity = observations.itemPopularity;
    let max = 0;
    for (let i = 0; i < catalog.size; i++) {
      order[i] = i;
      if (popularity[i] > max) max = popularity[i];
    }
    for (let i = 0; i < catalog.size; i++) this.popularityScore[i] = max > 0 ? popularity[i] / max : 0;
    const tieBreak = this.tieBreak;
    order.sort((a, b) => popularity[b] - popularity[a] || tieBreak[a] - tieBreak[b] || a - b);
    this.top.set(order.subarray(0, this.top.length));
    this.byCategory.fill(-1);
    const filled = this.categoryCount;
    filled.fill(0);
    let live = 0;
    for (let r = 0; r < order.length; r++) {
      const item = order[r];
      const c = catalog.category[item];
      if (filled[c] < TOP_PER_CATEGORY) this.byCategory[c * TOP_PER_CATEGORY + filled[c]++] = item;
      if (catalog.live[item]) this.liveOrder[live++] = item;
    }
    this.liveRooms = live;
    this.selectOnAir();
  }

  /** Fills topLive with the most popular rooms on air now (catalog.onAir): called at every hour's start. */
  selectOnAir(): void {
    const { onAir } = this.catalog;
    this.topLive.fill(-1);
    let live = 0;
    for (let r = 0; r < this.liveRooms && live < TOP_LIVE; r++) {
      const item = this.liveOrder[r];
      if (onAir[item]) this.topLive[live++] = item;
    }
    this.liveCount = live;
  }
}
