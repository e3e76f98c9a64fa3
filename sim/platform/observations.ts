import type { PublicCatalog } from './publicCatalog.js';

/** Weight of a purchase against a view in learned profiles: buying says more about taste than watching. */
const PURCHASE_PROFILE_WEIGHT = 4;

/**
 * Everything the platform knows about consumers: what they were shown, watched, bought and returned, and whether they
 * opted out. Never their interests, emotions, self-control or budgets. Opted-out consumers leave item-level counts
 * (the platform still sells to them) but no personal profile.
 */
export class PlatformObservations {
  readonly consumers: number;
  readonly items: number;
  readonly dims: number;
  readonly categories: number;
  readonly itemImpressions: Int32Array;
  readonly itemViews: Int32Array;
  readonly itemPurchases: Int32Array;
  readonly itemReturns: Int32Array;
  /** Purchases with exponential decay (popularity half-life): what popularity ranks on. */
  readonly itemPopularity: Float64Array;
  /** Decayed sum of features of items each consumer watched or bought (consumers x dims). */
  readonly profile: Float32Array;
  /** Decayed weight behind each profile (0 = nothing known yet). */
  readonly profileWeight: Float64Array;
  /** Decayed views and purchases per category (consumers x categories). */
  readonly categoryAffinity: Float32Array;
  readonly consumerPurchases: Int32Array;
  readonly consumerReturns: Int32Array;
  readonly optedOut: Uint8Array;

  constructor(
    consumers: number,
    private readonly catalog: PublicCatalog,
    optedOut: Uint8Array,
  ) {
    this.consumers = consumers;
    this.items = catalog.size;
    this.dims = catalog.dims;
    this.categories = catalog.categories;
    this.itemImpressions = new Int32Array(this.items);
    this.itemViews = new Int32Array(this.items);
    this.itemPurchases = new Int32Array(this.items);
    this.itemReturns = new Int32Array(this.items);
    this.itemPopularity = new Float64Array(this.items);
    this.profile = new Float32Array(consumers * this.dims);
    this.profileWeight = new Float64Array(consumers);
    this.categoryAffinity = new Float32Array(consumers * this.categories);
    this.consumerPurchases = new Int32Array(consumers);
    this.consumerReturns = new Int32Array(consumers);
    // A copy: the platform is told who opted out once, it does not read consumer state.
    this.optedOut = Uint8Array.from(optedOut);
  }

  recordImpression(_consumer: number, item: number): void {
    this.itemImpressions[item]++;
  }

  recordView(consumer: number, item: number): void {
    this.itemViews[item]++;
    if (!this.optedOut[consumer]) this.learn(consumer, item, 1);
  }

  recordPurchase(consumer: number, item: number): void {
    this.itemPurchases[item]++;
    this.itemPopularity[item] += 1;
    if (this.optedOut[consumer]) return;
    this.consumerPurchases[consumer]++;
    this.learn(consumer, item, PURCHASE_PROFILE_WEIGHT);
  }

  recordReturn(consumer: number, item: number): void {
    this.itemReturns[item]++;
    if (!this.optedOut[consumer]) this.consumerReturns[consumer]++;
  }

  /** Smoothed share of an item's sales that came back: the platform's only window on quality and regret. */
  itemReturnRate(item: number): number {
    return (this.itemReturns[item] + 0.2) / (this.itemPurchases[item] + 1);
  }

  /** Smoothed share of a consumer's purchases that came back. */
  consumerReturnRate(consumer: number): number {
    return (this.consumerReturns[consumer] + 0.2) / (this.consumerPurchases[consumer] + 1);
  }

  /** Overnight forgetting: profiles and popularity decay with their half-lives. */
  decay(profileHalfLifeDays: number, popularityHalfLifeDays: number): void {
    const profileKept = Math.pow(0.5, 1 / profileHalfLifeDays);
    const popularityKept = Math.pow(0.5, 1 / popularityHalfLifeDays);
    for (let k = 0; k < this.profile.length; k++) this.profile[k] *= profileKept;
    for (let k = 0; k < this.categoryAffinity.length; k++) this.categoryAffinity[k] *= profileKept;
    for (let c = 0; c < this.consumers; c++) this.profileWeight[c] *= profileKept;
    for (let i = 0; i < this.items; i++) this.itemPopularity[i] *= popularityKept;
  }

  private learn(consumer: number, item: number, weight: number): void {
    const { dims, categories } = this;
    const features = this.catalog.features;
    const o = consumer * dims;
    const f = item * dims;
    for (let k = 0; k < dims; k++) this.profile[o + k] += weight * features[f + k];
    this.profileWeight[consumer] += weight;
    this.categoryAffinity[consumer * categories + this.catalog.category[item]] += weight;
  }
}
