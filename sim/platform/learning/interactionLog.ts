import { grownArray } from '../../grownArray.js';
/** Kinds of logged interaction. */
export const EVENT_IMPRESSION = 0;
export const EVENT_VIEW = 1;
export const EVENT_PURCHASE = 2;
export const EVENT_RETURN = 3;

const INITIAL_CAPACITY = 1 << 14;

/**
 * The interactions observed since the previous night, in order: consumer, item and kind per event, in growable typed
 * columns (amortized O(1) appends, no allocation per event). Events carry absolute sequence numbers, so any number of
 * learners can each keep a cursor and read what is new. `closeDay` runs overnight and forgets the day before the one
 * just ended: every learner has read it by then, so the log holds at most two days.
 */
export class InteractionLog {
  consumer = new Int32Array(INITIAL_CAPACITY);
  item = new Int32Array(INITIAL_CAPACITY);
  kind = new Uint8Array(INITIAL_CAPACITY);
  /** Sequence number of the event stored at index 0. */
  private base = 0;
  private length = 0;
  /** Sequence number of the first event of the current day. */
  private dayStart = 0;

  /** True when impressions are logged too (only the bandit needs them, and they are the most numerous events). */
  constructor(readonly logsImpressions: boolean) {}

  /** Sequence number the next event will get. */
  get head(): number {
    return this.base + this.length;
  }

  /** Sequence number of the oldest event still held. */
  get oldest(): number {
    return this.base;
  }

  /** Storage index of an event by its sequence number (valid for oldest <= sequence < head). */
  indexOf(sequence: number): number {
    return sequence - this.base;
  }

  append(consumer: number, item: number, kind: number): void {
    if (this.length === this.consumer.length) this.grow();
    const k = this.length++;
    this.consumer[k] = consumer;
    this.item[k] = item;
    this.kind[k] = kind;
  }

  /**
   * Overnight: puts the day now ending in consumer order, drops the events before it and starts a new day. Events
   * arrive in the order consumers were processed, hour by hour; in consumer order (each consumer's events as they
   * happened) what a learner reads does not depend on that processing order.
   */
  closeDay(): void {
    this.sortByConsumer(this.dayStart - this.base, this.length);
    const drop = this.dayStart - this.base;
    if (drop > 0) {
      this.consumer.copyWithin(0, drop, this.length);
      this.item.copyWithin(0, drop, this.length);
      this.kind.copyWithin(0, drop, this.length);
      this.length -= drop;
      this.base += drop;
    }
    this.dayStart = this.head;
  }

  private counts = new Int32Array(0);
  private scratchConsumer = new Int32Array(0);
  private scratchItem = new Int32Array(0);
  private scratchKind = new Uint8Array(0);

  /** A stable counting sort of the events at storage indices from .. to by consumer. */
  private sortByConsumer(from: number, to: number): void {
    const n = to - from;
    if (n <= 1) return;
    let max = 0;
    for (let k = from; k < to; k++) if (this.consumer[k] > max) max = this.consumer[k];
    if (this.counts.length < max + 2) this.counts = new Int32Array(max + 2);
    if (this.scratchConsumer.length < n) {
      this.scratchConsumer = new Int32Array(n);
      this.scratchItem = new Int32Array(n);
      this.scratchKind = new Uint8Array(n);
    }
    const counts = this.counts;
    counts.fill(0, 0, max + 2);
    for (let k = from; k < to; k++) counts[this.consumer[k] + 1]++;
    for (let c = 1; c <= max + 1; c++) counts[c] += counts[c - 1];
    for (let k = from; k < to; k++) {
      const at = counts[this.consumer[k]]++;
      this.scratchConsumer[at] = this.consumer[k];
      this.scratchItem[at] = this.item[k];
      this.scratchKind[at] = this.kind[k];
    }
    this.consumer.set(this.scratchConsumer.subarray(0, n), from);
    this.item.set(this.scratchItem.subarray(0, n), from);
    this.kind.set(this.scratchKind.subarray(0, n), from);
  }

  private grow(): void {
    const capacity = this.consumer.length * 2;
    this.consumer = grownArray(this.consumer, capacity);
    this.item = grownArray(this.item, capacity);
    this.kind = grownArray(this.kind, capacity);
  }
}
