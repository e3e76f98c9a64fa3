import type { RandomSource } from '../rng.js';

/** Pairs of buyers sampled for the overlap estimate: enough for a standard error well below 0.001 (assumption). */
const SAMPLED_PAIRS = 20_000;

/**
 * Homogenization: the mean Jaccard overlap |A ∩ B| / |A ∪ B| of the sets of items bought by two buyers drawn at
 * random (a sample of pairs, not all n^2 of them). Rises when a policy steers everyone to the same items.
 * `consumers` and `items` are the purchases in any order; NaN when fewer than two consumers bought.
 */
export function meanPurchaseOverlap(consumers: Int32Array, items: Int32Array, count: number, source: RandomSource): number {
  const byConsumer = groupItemsByConsumer(consumers, items, count);
  const buyers = byConsumer.buyers;
  if (buyers.length < 2) return Number.NaN;
  let total = 0;
  for (let s = 0; s < SAMPLED_PAIRS; s++) {
    // Two distinct buyers: the second index skips the first.
    const first = Math.floor(source() * buyers.length);
    let second = Math.floor(source() * (buyers.length - 1));
    if (second >= first) second++;
    total += jaccard(byConsumer, buyers[first], buyers[second]);
  }
  return total / SAMPLED_PAIRS;
}

interface ItemSets {
  /** Consumers with at least one purchase, ascending. */
  readonly buyers: Int32Array;
  /** Each buyer's [start, end) range of distinct items in `items`, ascending. */
  readonly start: Map<number, [number, number]>;
  readonly items: Int32Array;
}

function groupItemsByConsumer(consumers: Int32Array, items: Int32Array, count: number): ItemSets {
  const order = Array.from({ length: count }, (_, k) => k);
  order.sort((x, y) => consumers[x] - consumers[y] || items[x] - items[y]);
  const sortedItems = new Int32Array(count);
  const start = new Map<number, [number, number]>();
  const buyers: number[] = [];
  let length = 0;
  for (let r = 0; r < count; r++) {
    const consumer = consumers[order[r]];
    const item = items[order[r]];
    const range = start.get(consumer);
    if (range === undefined) {
      buyers.push(consumer);
      start.set(consumer, [length, length + 1]);
      sortedItems[length++] = item;
    } else if (sortedItems[length - 1] !== item) {
      range[1]++;
      sortedItems[length++] = item;
    }
  }
  return { buyers: Int32Array.from(buyers), start, items: sortedItems };
}

function jaccard(sets: ItemSets, a: number, b: number): number {
  const [a0, a1] = sets.start.get(a)!;
  const [b0, b1] = sets.start.get(b)!;
  const { items } = sets;
  let i = a0;
  let j = b0;
  let shared = 0;
  while (i < a1 && j < b1) {
    if (items[i] === items[j]) {
      shared++;
      i++;
      j++;
    } else if (items[i] < items[j]) i++;
    else j++;
  }
  return shared / (a1 - a0 + (b1 - b0) - shared);
}
