import { EVENT_IMPRESSION, EVENT_PURCHASE, EVENT_RETURN, EVENT_VIEW, InteractionLog } from './learning/interactionLog.js';
import { RecentHistory } from './learning/recentHistory.js';
import { grownArray } from '../grownArray.js';
import { ItemTally, type SparseCounts } from '../itemTally.js';
import type { PublicCatalog } from './publicCatalog.js';

/** Weight of a purchase against a view in learned profiles: buying says more about taste than watching. */
export const PURCHASE_PROFILE_WEIGHT = 4;

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
  /**
   * The current hour's item-level events, kept apart until the hour ends (publishHour): within an hour every feed
   * reads the item counts as they stood at its start, so no consumer's feed depends on who was served before them.
   */
  private readonly hourImpressions: ItemTally;
  private readonly hourViews: ItemTally;
  private readonly hourPurchases: ItemTally;
  private readonly heldHistory = new HeldHistory();
  /**
   * Each consumer's recent distinct items with weights (null until a learner asks for it with `keepHistory`): the
   * bounded interaction data that collaborative filtering and matrix factorization train on.
   */
  history: RecentHistory | null = null;
  /** The day's interaction events (null until a learner asks for it with `keepLog`), read by overnight training. */
  log: InteractionLog | null = null;
  /**
   * Events recorded since the last sync, for the other replicas of a run on several threads (null with one): replayed
   * there by {@link replayEvents}, they keep every replica's observations the same. Views and purchases go out only
   * when a learner reads other consumers' histories or the day's log; otherwise another replica needs nothing of them
   * but the item tallies (a consumer's profile is read only by the replica that owns the consumer).
   */
  outbox: EventColumns | null = null;
  private outboxPersonal = false;

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
    this.hourImpressions = new ItemTally(this.items);
    this.hourViews = new ItemTally(this.items);
    this.hourPurchases = new ItemTally(this.items);
  }

  /**
   * Starts keeping each consumer's last `length` distinct items (a learner calls this when it is created, before any
   * event is recorded). The longest length asked for wins.
   */
  keepHistory(length: number): RecentHistory {
    if (this.history && this.history.length >= length) return this.history;
    this.history = new RecentHistory(this.consumers, length);
    return this.history;
  }

  /** Starts logging the day's events for overnight training; impressions only when a learner needs them. */
  keepLog(impressions: boolean): InteractionLog {
    if (this.log && (this.log.logsImpressions || !impressions)) return this.log;
    this.log = new InteractionLog(impressions);
    return this.log;
  }

  /** Starts keeping the outbox (a run with several replicas; after the learners have asked for histories and logs). */
  keepOutbox(): void {
    this.outbox = new EventColumns();
    this.outboxPersonal = this.history !== null || this.log !== null;
  }

  recordImpression(consumer: number, item: number): void {
    this.hourImpressions.add(item);
    if (this.log?.logsImpressions && !this.optedOut[consumer]) {
      this.log.append(consumer, item, EVENT_IMPRESSION);
      this.outbox?.append(consumer, item, EVENT_IMPRESSION);
    }
  }

  recordView(consumer: number, item: number): void {
    this.hourViews.add(item);
    if (this.optedOut[consumer]) return;
    if (this.outboxPersonal) this.outbox!.append(consumer, item, EVENT_VIEW);
    this.learnView(consumer, item);
  }

  recordPurchase(consumer: number, item: number): void {
    this.hourPurchases.add(item);
    if (this.optedOut[consumer]) return;
    if (this.outboxPersonal) this.outbox!.append(consumer, item, EVENT_PURCHASE);
    this.learnPurchase(consumer, item);
  }

  recordReturn(consumer: number, item: number): void {
    this.outbox?.append(consumer, item, EVENT_RETURN);
    this.learnReturn(consumer, item);
  }

  /**
   * Replays events another replica recorded ({@link outbox}): everything recordX does apart from the hour's item
   * tallies, which replicas add up separately.
   */
  replayEvents(events: EventColumns): void {
    const { consumer, item, kind } = events;
    for (let k = 0; k < events.length; k++) {
      const c = consumer[k];
      const i = item[k];
      switch (kind[k]) {
        case EVENT_IMPRESSION:
          this.log!.append(c, i, EVENT_IMPRESSION);
          break;
        case EVENT_VIEW:
          this.learnView(c, i);
          break;
        case EVENT_PURCHASE:
          this.learnPurchase(c, i);
          break;
        default:
          this.learnReturn(c, i);
      }
    }
  }

  /** The hour's item tallies (impressions, views, purchases) as they stand, for the other replicas. */
  hourTallies(): SparseCounts[] {
    return [this.hourImpressions.snapshot(), this.hourViews.snapshot(), this.hourPurchases.snapshot()];
  }

  /** Adds another replica's hour tallies (from {@link hourTallies}). */
  addHourTallies(tallies: readonly SparseCounts[]): void {
    this.hourImpressions.addAll(tallies[0]);
    this.hourViews.addAll(tallies[1]);
    this.hourPurchases.addAll(tallies[2]);
  }

  private learnView(consumer: number, item: number): void {
    this.learn(consumer, item, 1);
    if (this.history) this.holdHistory(consumer, item, 1);
    this.log?.append(consumer, item, EVENT_VIEW);
  }

  private learnPurchase(consumer: number, item: number): void {
    this.consumerPurchases[consumer]++;
    this.learn(consumer, item, PURCHASE_PROFILE_WEIGHT);
    if (this.history) this.holdHistory(consumer, item, PURCHASE_PROFILE_WEIGHT);
    this.log?.append(consumer, item, EVENT_PURCHASE);
  }

  private learnReturn(consumer: number, item: number): void {
    this.itemReturns[item]++;
    if (this.optedOut[consumer]) return;
    this.consumerReturns[consumer]++;
    // Held like the purchase it undoes, so it always lands after it.
    if (this.history) this.holdHistory(consumer, item, -PURCHASE_PROFILE_WEIGHT);
    this.log?.append(consumer, item, EVENT_RETURN);
  }

  /**
   * Keeps a history entry until the hour ends: user-based filtering scores one consumer's feed from others' histories.
   * A negative weight marks a return of the item.
   */
  private holdHistory(consumer: number, item: number, weight: number): void {
    const held = this.heldHistory;
    if (held.count === held.consumer.length) held.grow();
    held.consumer[held.count] = consumer;
    held.item[held.count] = item;
    held.weight[held.count] = weight;
    held.count++;
  }

  /**
   * The end of an hour: its impressions, views and purchases join the item counts and popularity that feeds read,
   * and its history entries (returns too, which come after the day's hours and are published overnight) join the
   * histories (each consumer's in the order they happened, so the histories do not
   * depend on the order consumers were processed in). Profiles are updated at once: only the consumer's own feeds
   * read them.
   */
  publishHour(): void {
    const held = this.heldHistory;
    for (let k = 0; k < held.count; k++) {
      const weight = held.weight[k];
      if (weight < 0) this.history!.markReturned(held.consumer[k], held.item[k], -weight);
      else this.history!.add(held.consumer[k], held.item[k], weight);
    }
    held.count = 0;
    this.hourImpressions.drain((item, count) => {
      this.itemImpressions[item] += count;
    });
    this.hourViews.drain((item, count) => {
      this.itemViews[item] += count;
    });
    this.hourPurchases.drain((item, count) => {
      this.itemPurchases[item] += count;
      this.itemPopularity[item] += count;
    });
  }

  /** Smoothed share of an item's sales that came back: the platform's only window on quality and regret. */
  itemReturnRate(item: number): number {
    return (this.itemReturns[item] + 0.2) / (this.itemPurchases[item] + 1);
  }

  /** Smoothed share of a consumer's purchases that came back. */
  consumerReturnRate(consumer: number): number {
    return (this.consumerReturns[consumer] + 0.2) / (this.consumerPurchases[consumer] + 1);
  }

  /**
   * Overnight forgetting: profiles and popularity decay with their half-lives, and the interaction log starts a new
   * day (the platform calls this before its policy trains, so the log then holds the day just ended).
   */
  decay(profileHalfLifeDays: number, popularityHalfLifeDays: number): void {
    this.publishHour();
    const profileKept = Math.pow(0.5, 1 / profileHalfLifeDays);
    const popularityKept = Math.pow(0.5, 1 / popularityHalfLifeDays);
    for (let k = 0; k < this.profile.length; k++) this.profile[k] *= profileKept;
    for (let k = 0; k < this.categoryAffinity.length; k++) this.categoryAffinity[k] *= profileKept;
    for (let c = 0; c < this.consumers; c++) this.profileWeight[c] *= profileKept;
    for (let i = 0; i < this.items; i++) this.itemPopularity[i] *= popularityKept;
    this.log?.closeDay();
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

/** History entries of the current hour, in the order they happened. */
class HeldHistory {
  consumer = new Int32Array(1024);
  item = new Int32Array(1024);
  weight = new Float64Array(1024);
  count = 0;

  grow(): void {
    const size = this.consumer.length * 2;
    this.consumer = grownArray(this.consumer, size);
    this.item = grownArray(this.item, size);
    this.weight = grownArray(this.weight, size);
  }
}

/** Observation events in order: consumer, item and kind (EVENT_*), in growable columns. */
export class EventColumns {
  consumer = new Int32Array(1024);
  item = new Int32Array(1024);
  kind = new Uint8Array(1024);
  length = 0;

  append(consumer: number, item: number, kind: number): void {
    if (this.length === this.consumer.length) {
      const size = this.length * 2;
      this.consumer = grownArray(this.consumer, size);
      this.item = grownArray(this.item, size);
      this.kind = grownArray(this.kind, size);
    }
    this.consumer[this.length] = consumer;
    this.item[this.length] = item;
    this.kind[this.length++] = kind;
  }

  /** The events held, copied into arrays of their own; the columns are emptied. */
  take(): EventColumns {
    const taken = new EventColumns();
    taken.consumer = this.consumer.slice(0, this.length);
    taken.item = this.item.slice(0, this.length);
    taken.kind = this.kind.slice(0, this.length);
    taken.length = this.length;
    this.length = 0;
    return taken;
  }
}
