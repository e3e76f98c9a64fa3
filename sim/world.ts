import type { Catalog } from './catalog.js';
import { ColumnQueue } from './columnQueue.js';
import type { RunTables } from './output/runTables.js';
import type { Platform } from './platform/platform.js';
import type { Population } from './population.js';
import { FeedDiversity } from './measures/feedDiversity.js';
import { ImpulseProfile } from './measures/impulseProfile.js';
import { BankCursor, namedStream, StreamBank } from './rng.js';
import { buildSocialNetwork, type SocialNetwork } from './social.js';
import type { Scenario } from './scenario/schema.js';
import { VisitPlan } from './consumer/visitPlan.js';
import { hourCdf, scheduleLiveRooms } from './hours.js';
import { ItemTally } from './itemTally.js';
import { HourRecord } from './hourRecord.js';
import { PathCounts } from './measures/shoppingPaths.js';
import { worldSeedsOf, type WorldSeeds } from './worldSeeds.js';
import { SoloExchange, type Exchange } from './parallel/exchange.js';
import { ReplicaRows } from './parallel/replicaRows.js';
import { ReplicaState } from './parallel/replicaSync.js';

/** Counters of one day, reset every morning; they become a row of days.arrow. */
export class DayCounters {
  activeUsers = 0;
  sessions = 0;
  exposures = 0;
  views = 0;
  purchases = 0;
  planned = 0;
  impulse = 0;
  cartPurchases = 0;
  carted = 0;
  cartDropped = 0;
  temptations = 0;
  blocked = 0;
  unaffordable = 0;
  gmv = 0;
  refunds = 0;
  /** Returns sent back today, and returns decided today at delivery (sent back today or later in the window). */
  returns = 0;
  returnsDecided = 0;
  regrets = 0;
  evaluated = 0;
  pushes = 0;
  reminders = 0;
  overBudgetEvents = 0;
  /** False urgency labels found out: an item watched under one, watched again on a later day (consumer/falseLabels.ts). */
  falseLabelsFoundOut = 0;
  emotionOfActive = 0;
  selfControlOfActive = 0;
  /** Sum of the intra-list diversity of feed sessions with two or more items, and their number. */
  feedDiversitySum = 0;
  feedDiversitySessions = 0;
  /** Purchases by consumers who had bought before, and how many of them were in another category than the last. */
  repeatBuys = 0;
  categorySwitches = 0;
  /** The day's shopping path: consumers who watched, were tempted, carted and bought in their sessions. */
  viewers = 0;
  tempted = 0;
  carters = 0;
  sessionBuyers = 0;
  /** Purchases shared with friends. */
  shares = 0;
  readonly purchasesByCategory: Float64Array;

  constructor(categories: number) {
    this.purchasesByCategory = new Float64Array(categories);
  }

  reset(): void {
    const byCategory = this.purchasesByCategory;
    Object.assign(this, new DayCounters(0));
    (this as { purchasesByCategory: Float64Array }).purchasesByCategory = byCategory;
    byCategory.fill(0);
  }
}

/** Purchases awaiting delivery and evaluation, in purchase order. */
export function createDeliveryQueue() {
  return new ColumnQueue({
    purchaseId: Int32Array,
    consumer: Int32Array,
    item: Int32Array,
    dayBought: Int32Array,
    kind: Uint8Array,
    price: Float64Array,
    expectation: Float64Array,
    fit: Float64Array,
    strain: Float64Array,
    needed: Uint8Array,
  });
}

/** Unplanned purchases parked in the buy-later cart, in the order they were added. */
export function createCartQueue() {
  return new ColumnQueue({
    consumer: Int32Array,
    item: Int32Array,
    dayAdded: Int32Array,
    hourAdded: Uint8Array,
    source: Uint8Array,
    slot: Int32Array,
    match: Float64Array,
    urgency: Uint8Array,
  });
}

/** Running totals over the whole run that the summary needs and no table holds. */
export class RunTotals {
  pushes = 0;
  reminders = 0;
  falseLabelsFoundOut = 0;
  blocked = 0;
  carted = 0;
  cartDropped = 0;
  temptations = 0;
  /** Temptations the consumer gave in to (an impulse purchase attempt followed). */
  givenIn = 0;
  feedSessions = 0;
  feedSessionPurchases = 0;
  liveExposures = 0;
  livePurchases = 0;
  feedExposures = 0;
  feedPurchases = 0;
  socialExposures = 0;
  socialPurchases = 0;
  shares = 0;
  gmvFirstTwoWeeks = 0;
  views = 0;
  feedDiversitySum = 0;
  feedDiversitySessions = 0;
  /** Each day's repeat purchases and category switches: the filter-bubble trend. */
  readonly dailyRepeatBuys: number[] = [];
  readonly dailyCategorySwitches: number[] = [];
  /** Consumer welfare of evaluated purchases, in money (see docs/MODEL.md). */
  welfare = 0;
  evaluatedByKind = new Float64Array(3);
  returnedByKind = new Float64Array(3);
  regrettedByKind = new Float64Array(3);
}

/**
 * The state of one run: scenario, agents, platform, random streams, queues and writers. The day story's steps are
 * plain functions over it.
 */
export class World {
  day = 0;
  /** The hour of the day being simulated (0-23); 24 for the cart review, which comes after the day's last hour. */
  hour = 0;
  /** This replica's next purchase id; the leader numbers purchases run-wide when it writes them (ReplicaState). */
  nextPurchaseId = 0;
  readonly today: DayCounters;
  readonly totals = new RunTotals();
  readonly deliveries = createDeliveryQueue();
  readonly cart = createCartQueue();
  /** Returns decided at delivery and waiting for the day they are sent back, in the order they were decided. */
  readonly pendingReturns = new ColumnQueue({ consumer: Int32Array, item: Int32Array, price: Float64Array, day: Int32Array, purchaseId: Int32Array, decided: Int32Array });
  /** Units sent back today, put back in stock after the day's evaluations. */
  readonly returnedUnits: ItemTally;
  /** The day's shares of satisfied purchases, posted to friends' inboxes once the day's evaluations are done. */
  readonly pendingShares = new ColumnQueue({ consumer: Int32Array, item: Int32Array });
  /** Every purchase's consumer and item, for the homogenization measure at the end. */
  readonly purchaseLog = new ColumnQueue({ consumer: Int32Array, item: Int32Array });
  readonly feedDiversity: FeedDiversity;
  /** Impulse decisions by interest match, trust and session position (the stylized facts' evidence). */
  readonly impulseProfile = new ImpulseProfile();
  /** Impulse decisions by slot in the session being browsed. */
  readonly sessionImpulses: Uint16Array;
  /** Self-control the current session's viewed items have spent: a break after the session gives it back. */
  viewSpend = 0;
  /** The friendship network (null when the scenario has none). */
  readonly social: SocialNetwork | null;
  /** Whether a satisfied buyer shares: its own stream, so sharing never shifts the evaluation's draws. */
  readonly sharing: StreamBank;
  /** What each KOL features in its daily posts: a stream per KOL, started afresh each day. */
  readonly kolPosts: StreamBank;
  /**
   * Per-consumer streams, one per step of the day, each started afresh for every consumer and day: needs met
   * elsewhere, app visits, shopping reactions, cart review, evaluations, churn, and the platform's draws for the
   * consumer's feeds. A step's draws therefore never shift another step's.
   */
  readonly needs: StreamBank;
  readonly visit: StreamBank;
  readonly shop: StreamBank;
  readonly cartReview: StreamBank;
  readonly judge: StreamBank;
  readonly churn: StreamBank;
  /** When a decided return is sent back: its own stream, so timing never shifts the evaluation's draws. */
  readonly returnTiming: StreamBank;
  readonly platformDraws: StreamBank;
  /** What the platform's data pipeline loses or invents (platform.data), apart from the feed's own draws. */
  readonly dataNoise: StreamBank;
  readonly platformCursor: BankCursor;
  /** The day's app openings by hour, and each consumer's tallies of the day. */
  readonly visits: VisitPlan;
  /** Cumulative distribution of population.activity.diurnal, for drawing session hours. */
  readonly diurnalCdf: Float64Array;
  /**
   * The hour's sales and live-room viewers, held apart until the hour ends (publishCatalogHour): within an hour
   * every consumer sees the counters and stock as they stood at its start.
   */
  readonly hourSales: ItemTally;
  readonly hourViewers: ItemTally;
  /** Live rooms on air in the current hour. */
  roomsOnAir = 0;
  /** Processes each hour's consumers from the highest id down (SimulateOptions): the result must not change. */
  descendingWithinHour = false;
  readonly hourRecord = new HourRecord();
  /** The day's shopping-path transitions (paths.arrow). */
  readonly paths = new PathCounts();
  /** Units sold beyond the stock left at the hour's start, today (orders placed in the hour an item sold out). */
  oversoldToday = 0;
  /** The seeds of the market (catalog and population); the run seed drives everything else. */
  readonly seeds: WorldSeeds;
  /** The consumers this replica simulates and how it meets the run's other replicas (one replica: all of them). */
  readonly replica: ReplicaState;
  /** What this replica's consumers add to the tables and sums, until the leader writes it at the next sync. */
  readonly rows: ReplicaRows;

  /**
   * `tables` is null on every replica but the leader, which writes the run's tables; `exchange` joins the replicas of
   * a run on several threads (parallel/), one replica by default.
   */
  constructor(
    readonly scenario: Scenario,
    readonly catalog: Catalog,
    readonly population: Population,
    readonly platform: Platform,
    readonly tables: RunTables | null,
    exchange: Exchange = new SoloExchange(),
    exposures = tables?.exposures != null,
  ) {
    if ((tables === null) === (exchange.replica === 0)) throw new Error('World: the leader (replica 0), and only the leader, writes tables');
    this.replica = new ReplicaState(exchange, population.size);
    this.rows = new ReplicaRows(population.segmentNames, exposures);
    if (exchange.replicas > 1) platform.observations.keepOutbox();
    this.returnedUnits = new ItemTally(catalog.size);
    const { seed } = scenario.run;
    this.seeds = worldSeedsOf(scenario);
    const n = population.size;
    this.needs = new StreamBank(seed, 'needs', n);
    this.visit = new StreamBank(seed, 'visit', n);
    this.shop = new StreamBank(seed, 'shop', n);
    this.cartReview = new StreamBank(seed, 'cart', n);
    this.judge = new StreamBank(seed, 'judge', n);
    this.churn = new StreamBank(seed, 'churn', n);
    this.returnTiming = new StreamBank(seed, 'returns', n);
    this.platformDraws = new StreamBank(seed, 'platform', n);
    this.platformCursor = new BankCursor(this.platformDraws);
    this.dataNoise = new StreamBank(seed, 'data', n);
    this.feedDiversity = new FeedDiversity(catalog.features, catalog.dims);
    this.sharing = new StreamBank(seed, 'sharing', n);
    this.sessionImpulses = new Uint16Array(Math.max(scenario.platform.overPush.feedLength, scenario.consumer.planned.searchResults));
    this.social = buildSocialNetwork(n, scenario.social, namedStream(this.seeds.population, 'social/network'), population);
    this.kolPosts = new StreamBank(seed, 'kol-posts', Math.max(1, scenario.social.kols));
    if (this.social !== null) platform.feeds.showPosts(this.social, scenario.social.postShare, scenario.social.postLifeDays);
    this.today = new DayCounters(catalog.categories);
    this.visits = new VisitPlan(n, scenario.consumer.session.maxPerDay);
    this.diurnalCdf = hourCdf(scenario.population.activity.diurnal);
    scheduleLiveRooms(catalog, this.diurnalCdf, scenario.catalog.liveRoomHours, this.seeds.catalog);
    this.hourSales = new ItemTally(catalog.size);
    this.hourViewers = new ItemTally(catalog.size);
  }
}
