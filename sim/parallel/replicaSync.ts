import { publishCatalogHour } from '../catalog.js';
import type { SparseCounts } from '../itemTally.js';
import type { EventColumns } from '../platform/observations.js';
import type { Exchange } from './exchange.js';
import type { World } from '../world.js';
import type { SocialNetwork } from '../social.js';
import { addCounters, takeCounters } from './counterLedger.js';
import { Ownership, packOwnedRows, unpackOwnedRows, type PerConsumerArray } from './ownership.js';
import { REFUND_DAY_STEP } from './replicaRows.js';
import type { RowsPart } from './rowBuffer.js';
import type { ExposureColumn, PurchaseColumn, RegretColumn } from '../output/tables.js';
import { mergeRuns, sumInKeyOrder, type TermsPart } from './termList.js';

/**
 * The sync points of a day (docs/THREADS.md): the end of each hour (and of the cart review), where the hour's item
 * tallies, observations, rows and counters cross; the night, after the evaluations, where returns, shares, regret rows,
 * the state the day's record reads and the learned rows a policy shares cross; and the end of the run, where the
 * leader gathers every consumer's final state. With one replica each is a plain pass-through to the tables.
 */

/** What a replica hands in at the end of an hour: for every replica, and for the leader alone. */
interface HourMessage {
  readonly shared: {
    /** The hour's sales, live viewers, impressions, views and purchases (replicas > 1). */
    readonly tallies: readonly SparseCounts[] | null;
    readonly events: EventColumns | null;
  };
  readonly leader: {
    /** Whole-number counters (replicas other than the leader). */
    readonly counters: Float64Array | null;
    readonly purchases: RowsPart<PurchaseColumn>;
    readonly exposures: RowsPart<ExposureColumn> | null;
    readonly feedDiversity: TermsPart;
    readonly emotionOfActive: TermsPart;
    readonly selfControlOfActive: TermsPart;
  } | null;
}

/** What a replica hands in at night. */
interface NightMessage {
  readonly shared: {
    readonly returnedUnits: SparseCounts | null;
    readonly events: EventColumns | null;
    readonly shares: { readonly consumer: Int32Array; readonly item: Int32Array } | null;
    readonly policyRows: PerConsumerArray[] | null;
  };
  readonly leader: {
    readonly dayState: PerConsumerArray[] | null;
    readonly counters: Float64Array | null;
    readonly regret: RowsPart<RegretColumn>;
    readonly refunds: TermsPart;
  } | null;
}

/** A replica's place in its run: the consumers it owns, how it meets the others, and (on the leader) purchase ids. */
export class ReplicaState {
  readonly owned: Ownership;
  /** Leader only: the run-wide id of each replica's purchases, indexed by the replica's own purchase id. */
  private readonly runIds: Int32Array[];
  private nextRunId = 0;
  private readonly others: Ownership[] = [];

  constructor(
    readonly exchange: Exchange,
    size: number,
  ) {
    this.owned = new Ownership(size, exchange.replica, exchange.replicas);
    this.runIds = Array.from({ length: exchange.replicas }, () => new Int32Array(1024));
  }

  get leader(): boolean {
    return this.exchange.replica === 0;
  }

  get replicas(): number {
    return this.exchange.replicas;
  }

  /** The consumers replica `r` owns (this replica's is `owned`). */
  ownershipOf(r: number): Ownership {
    return (this.others[r] ??= r === this.exchange.replica ? this.owned : new Ownership(this.owned.size, r, this.exchange.replicas));
  }

  /** Leader: gives the next run-wide purchase id to replica `replica`'s purchase `local`. */
  assignRunId(replica: number, local: number): number {
    let ids = this.runIds[replica];
    if (local >= ids.length) {
      const grown = new Int32Array(Math.max(local + 1, ids.length * 2));
      grown.set(ids);
      this.runIds[replica] = ids = grown;
    }
    ids[local] = this.nextRunId;
    return this.nextRunId++;
  }

  runIdOf(replica: number, local: number): number {
    return this.runIds[replica][local];
  }
}

/**
 * The end of hour `world.hour` (0-24): the replicas' tallies and observations join, the market is published, and the
 * leader writes the hour's rows and sums.
 */
export function syncHour(world: World): void {
  const { replica, rows } = world;
  const many = replica.replicas > 1;
  const sender = many && !replica.leader;
  const message: HourMessage = {
    shared: {
      tallies: many ? [world.hourSales.snapshot(), world.hourViewers.snapshot(), ...world.platform.observations.hourTallies()] : null,
      events: many ? world.platform.observations.outbox!.take() : null,
    },
    leader: {
      counters: sender ? takeCounters(world) : null,
      purchases: sender ? rows.purchases.snapshot() : rows.purchases.view(),
      exposures: rows.exposures === null ? null : sender ? rows.exposures.snapshot() : rows.exposures.view(),
      feedDiversity: sender ? rows.feedDiversity.snapshot() : rows.feedDiversity,
      emotionOfActive: sender ? rows.emotionOfActive.snapshot() : rows.emotionOfActive,
      selfControlOfActive: sender ? rows.selfControlOfActive.snapshot() : rows.selfControlOfActive,
    },
  };
  const all = replica.exchange.allGather(message);
  if (many) {
    all.forEach(({ shared }, r) => {
      if (r === replica.exchange.replica) return;
      world.hourSales.addAll(shared.tallies![0]);
      world.hourViewers.addAll(shared.tallies![1]);
      world.platform.observations.addHourTallies(shared.tallies!.slice(2));
      world.platform.observations.replayEvents(shared.events!);
    });
  }
  world.oversoldToday += publishCatalogHour(world.catalog, world.hourSales, world.hourViewers);
  world.platform.observations.publishHour();
  if (replica.leader) {
    const parts = all.map((m) => m.leader!);
    for (let r = 1; r < parts.length; r++) addCounters(world, parts[r].counters!);
    writePurchases(world, parts.map((m) => m.purchases));
    if (world.tables!.exposures !== null) {
      const exposures = parts.map((m) => m.exposures!);
      mergeRuns(exposures, (r, from, count) => world.tables!.exposures!.appendRows(exposures[r].columns, from, count));
    }
    const today = world.today;
    today.feedDiversitySum = sumInKeyOrder(today.feedDiversitySum, parts.map((m) => m.feedDiversity));
    today.emotionOfActive = sumInKeyOrder(today.emotionOfActive, parts.map((m) => m.emotionOfActive));
    today.selfControlOfActive = sumInKeyOrder(today.selfControlOfActive, parts.map((m) => m.selfControlOfActive));
  }
  rows.purchases.clear();
  rows.exposures?.clear();
  rows.feedDiversity.clear();
  rows.emotionOfActive.clear();
  rows.selfControlOfActive.clear();
}

/**
 * Leader: the hour's purchases of every replica in key order, numbered run-wide as they are written; the day's GMV
 * and the purchase log follow the same order.
 */
function writePurchases(world: World, parts: readonly RowsPart<PurchaseColumn>[]): void {
  const { replica, today, totals } = world;
  const table = world.tables!.purchases;
  const firstTwoWeeks = world.day < 14;
  mergeRuns(parts, (r, from, count) => {
    const c = parts[r].columns;
    const ids = c.purchase_id;
    const price = c.price;
    const log = world.purchaseLog;
    for (let k = from; k < from + count; k++) {
      ids[k] = replica.assignRunId(r, ids[k]);
      today.gmv += price[k];
      if (firstTwoWeeks) totals.gmvFirstTwoWeeks += price[k];
      const row = log.push();
      log.columns.consumer[row] = c.consumer_id[k];
      log.columns.item[row] = c.item_id[k];
    }
    table.appendRows(c, from, count);
  });
}

/** The per-consumer state the day's record reads for every consumer. */
function dayStateOf(world: World): PerConsumerArray[] {
  const pop = world.population;
  return [pop.budget, pop.trust, pop.fatigue, pop.churned];
}

/**
 * The night, after the evaluations: returned units go back to stock, returns join the observations, the day's shares
 * reach inboxes, a policy's shared rows cross, and the leader writes the regret rows, welfare and refunds and gathers
 * the state the day's record reads.
 */
export function syncNight(world: World): void {
  const { replica, rows } = world;
  const many = replica.replicas > 1;
  const sender = many && !replica.leader;
  const shares = world.pendingShares;
  const policyArrays = many ? world.platform.rowsToShare(world.day) : [];
  const message: NightMessage = {
    shared: {
      returnedUnits: many ? world.returnedUnits.snapshot() : null,
      events: many ? world.platform.observations.outbox!.take() : null,
      shares: many
        ? { consumer: shares.columns.consumer.slice(shares.first, shares.first + shares.length) as Int32Array, item: shares.columns.item.slice(shares.first, shares.first + shares.length) as Int32Array }
        : null,
      policyRows: policyArrays.length > 0 ? packOwnedRows(replica.owned, policyArrays) : null,
    },
    leader: {
      dayState: sender ? packOwnedRows(replica.owned, dayStateOf(world)) : null,
      counters: sender ? takeCounters(world) : null,
      regret: sender ? rows.regret.snapshot() : rows.regret.view(),
      refunds: sender ? rows.refunds.snapshot() : rows.refunds,
    },
  };
  const all = replica.exchange.allGather(message);
  if (many) {
    all.forEach(({ shared }, r) => {
      if (r === replica.exchange.replica) return;
      world.returnedUnits.addAll(shared.returnedUnits!);
      world.platform.observations.replayEvents(shared.events!);
      if (shared.policyRows !== null) unpackOwnedRows(replica.ownershipOf(r), policyArrays, shared.policyRows);
    });
  }
  const stock = world.catalog.stock;
  world.returnedUnits.drain((item, count) => {
    stock[item] += count;
  });
  postShares(world, many ? all.map((m) => m.shared.shares!) : null);
  if (replica.leader) {
    const parts = all.map((m) => m.leader!);
    const state = dayStateOf(world);
    for (let r = 1; r < parts.length; r++) {
      addCounters(world, parts[r].counters!);
      unpackOwnedRows(replica.ownershipOf(r), state, parts[r].dayState!);
    }
    writeRegret(world, parts.map((m) => m.regret));
    world.today.refunds = sumInKeyOrder(world.today.refunds, parts.map((m, r) => runKeyedRefunds(world, r, m.refunds)));
  }
  rows.regret.clear();
  rows.refunds.clear();
}

/** Leader: the evaluations of every replica in run-wide purchase order, with welfare summed in that order. */
function writeRegret(world: World, parts: readonly RowsPart<RegretColumn>[]): void {
  const { replica, totals } = world;
  parts.forEach((part, r) => {
    const ids = part.columns.purchase_id;
    for (let k = 0; k < part.length; k++) {
      ids[k] = replica.runIdOf(r, ids[k]);
      part.keys[k] = ids[k];
    }
  });
  const table = world.tables!.regret;
  mergeRuns(parts, (r, from, count) => {
    const welfare = parts[r].columns.welfare;
    for (let k = from; k < from + count; k++) totals.welfare += welfare[k];
    table.appendRows(parts[r].columns, from, count);
  });
}

/** A replica's refund terms with its own purchase ids swapped for run-wide ones (the key's low part). */
function runKeyedRefunds(world: World, r: number, part: TermsPart): TermsPart {
  const keys = new Float64Array(part.length);
  for (let k = 0; k < part.length; k++) {
    const local = part.keys[k] % REFUND_DAY_STEP;
    keys[k] = part.keys[k] - local + world.replica.runIdOf(r, local);
  }
  return { keys, values: part.values, length: part.length };
}

/** Sorts by sharer, each sharer's shares kept in purchase order. */
let shareOrder = new Int32Array(0);

/**
 * The day's shares reach friends' inboxes in order of the sharer's id (each sharer's own in purchase order), not in
 * purchase order: purchases are numbered in the order consumers were processed, which must not change what an inbox
 * holds (an inbox has few slots, so the order of arrival decides which posts stay). With several replicas every
 * replica posts every replica's shares, so each inbox is the same wherever it is read.
 */
function postShares(world: World, parts: readonly { readonly consumer: Int32Array; readonly item: Int32Array }[] | null): void {
  const network = world.social;
  const shares = world.pendingShares;
  if (network === null) {
    shares.clear();
    return;
  }
  postKolPicks(world, network);
  const all = parts ?? [{ consumer: shares.columns.consumer.subarray(shares.first, shares.first + shares.length) as Int32Array, item: shares.columns.item.subarray(shares.first, shares.first + shares.length) as Int32Array }];
  const count = all.reduce((n, part) => n + part.consumer.length, 0);
  if (count > 0) {
    const consumer = new Int32Array(count);
    const item = new Int32Array(count);
    let at = 0;
    for (const part of all) {
      consumer.set(part.consumer, at);
      item.set(part.item, at);
      at += part.consumer.length;
    }
    if (shareOrder.length < count) shareOrder = new Int32Array(count * 2);
    const order = shareOrder.subarray(0, count);
    for (let k = 0; k < count; k++) order[k] = k;
    // Typed-array sort is not stable: ties on the sharer break by position, which keeps each sharer's purchase order.
    order.sort((a, b) => consumer[a] - consumer[b] || a - b);
    for (let k = 0; k < count; k++) network.share(consumer[order[k]], item[order[k]], world.day);
  }
  shares.clear();
}

/**
 * Each KOL's posts of the night. They arrive before friends' shares, so that when an inbox overflows it is a KOL's post
 * that gives way to a friend's, not the reverse. Every replica makes the same posts: a KOL's picks come from its own
 * stream, its niche and the night's stock, which every replica holds alike. An item a KOL has already featured that
 * night is not posted again: a second post would count as a second friend sharing it.
 */
function postKolPicks(world: World, network: SocialNetwork): void {
  const perDay = world.scenario.social.kolPostsPerDay;
  const bank = world.kolPosts;
  const { features, stock } = world.catalog;
  if (kolPicks.length < perDay) kolPicks = new Int32Array(perDay);
  for (let k = 0; k < network.kols.length; k++) {
    bank.reseed(k, world.day);
    const draw = () => bank.next(k);
    let posted = 0;
    for (let p = 0; p < perDay; p++) {
      const item = network.kolPostItem(k, features, stock, draw);
      if (item < 0 || kolPicks.subarray(0, posted).includes(item)) continue;
      kolPicks[posted++] = item;
      network.share(network.kols[k], item, world.day);
    }
  }
}

/** Items one KOL has featured so far tonight. */
let kolPicks = new Int32Array(1);

/** The end of the run: the leader gathers every consumer's final state for the consumers table and the summary. */
export function syncEnd(world: World): void {
  const { replica } = world;
  if (replica.replicas === 1) return;
  const arrays = perConsumerArrays(world);
  const all = replica.exchange.allGather({ shared: null, leader: replica.leader ? null : packOwnedRows(replica.owned, arrays) });
  if (!replica.leader) return;
  for (let r = 1; r < all.length; r++) unpackOwnedRows(replica.ownershipOf(r), arrays, all[r].leader!);
}

/** Every array of the population with a row per consumer. */
function perConsumerArrays(world: World): PerConsumerArray[] {
  const pop = world.population;
  return Object.values(pop).filter(
    (value): value is PerConsumerArray => ArrayBuffer.isView(value) && !(value instanceof DataView) && (value as PerConsumerArray).length % pop.size === 0,
  );
}
