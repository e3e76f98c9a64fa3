import type { RecentHistory } from './recentHistory.js';
import { ItemScratch } from './itemScratch.js';
import { insertTop } from './topList.js';

/**
 * Sparse item-item neighbour lists: for each item its `size` most similar items, best first. Rebuilt overnight by a
 * learner; read per feed without allocation.
 */
export class ItemNeighbours {
  readonly ids: Int32Array;
  readonly similarity: Float32Array;
  readonly count: Int32Array;

  constructor(
    readonly items: number,
    readonly size: number,
  ) {
    this.ids = new Int32Array(items * size);
    this.similarity = new Float32Array(items * size);
    this.count = new Int32Array(items);
  }
}

/**
 * Consumers per item: an inverted index of the recent histories (positive slots only), built by counting sort.
 * Reuses its arrays while they are large enough.
 */
export class ItemColumns {
  start: Int32Array;
  consumers = new Int32Array(0);
  strength = new Float32Array(0);
  /** Signed weights, for learners that use returns as negative evidence. */
  weights = new Float32Array(0);

  constructor(readonly items: number) {
    this.start = new Int32Array(items + 1);
  }

  /** Rebuilds from the histories; `signed` keeps returned (negative) slots too. */
  build(history: RecentHistory, signed: boolean): void {
    const { start, items } = this;
    const { length } = history;
    start.fill(0);
    let total = 0;
    for (let c = 0; c < history.consumers; c++) {
      const o = c * length;
      for (let s = 0; s < history.count[c]; s++) {
        if (!signed && history.weights[o + s] <= 0) continue;
        start[history.items[o + s] + 1]++;
        total++;
      }
    }
    for (let i = 0; i < items; i++) start[i + 1] += start[i];
    if (this.consumers.length < total) {
      this.consumers = new Int32Array(total);
      this.strength = new Float32Array(total);
      this.weights = new Float32Array(total);
    }
    // start[i] doubles as the fill cursor, then is shifted back.
    for (let c = 0; c < history.consumers; c++) {
      const o = c * length;
      for (let s = 0; s < history.count[c]; s++) {
        const w = history.weights[o + s];
        if (!signed && w <= 0) continue;
        const k = start[history.items[o + s]]++;
        this.consumers[k] = c;
        this.weights[k] = w;
        this.strength[k] = history.strength[o + s];
      }
    }
    for (let i = items; i > 0; i--) start[i] = start[i - 1];
    start[0] = 0;
  }
}

/**
 * Item-item cosine similarity of co-occurrence in consumers' recent histories (views and purchases, damped), with a
 * shrinkage term that keeps rarely seen pairs from looking perfectly similar. Costs the sum over consumers of their
 * history length squared, never items squared.
 */
export function buildCoOccurrenceNeighbours(
  history: RecentHistory,
  columns: ItemColumns,
  neighbours: ItemNeighbours,
  shrinkage: number,
  scratch: ItemScratch,
): void {
  columns.build(history, false);
  const { start, consumers, strength } = columns;
  const norms = new Float64Array(neighbours.items);
  for (let i = 0; i < neighbours.items; i++) {
    let sum = 0;
    for (let k = start[i]; k < start[i + 1]; k++) sum += strength[k] * strength[k];
    norms[i] = Math.sqrt(sum);
  }
  const { length } = history;
  const { ids, similarity, size } = neighbours;
  for (let a = 0; a < neighbours.items; a++) {
    neighbours.count[a] = 0;
    if (start[a] === start[a + 1]) continue;
    scratch.clear();
    for (let k = start[a]; k < start[a + 1]; k++) {
      const c = consumers[k];
      const ra = strength[k];
      const o = c * length;
      for (let s = 0; s < history.count[c]; s++) {
        const b = history.items[o + s];
        const strength = history.strength[o + s];
        if (b !== a && strength > 0) scratch.add(b, ra * strength);
      }
    }
    let filled = 0;
    const offset = a * size;
    for (let t = 0; t < scratch.touchedCount; t++) {
      const b = scratch.touched[t];
      const value = scratch.values[b] / (norms[a] * norms[b] + shrinkage);
      filled = insertTop(ids, similarity, offset, size, filled, b, value);
    }
    neighbours.count[a] = filled;
  }
}

/**
 * Item-item cosine similarity of learned factor vectors (items x factors), for items with a non-zero vector. Costs
 * items squared times factors: under a second at 5,000 items and 16 factors. `unit` (items x factors) is scratch
 * space for the normalized vectors.
 */
export function buildFactorNeighbours(vectors: Float64Array, factors: number, neighbours: ItemNeighbours, unit: Float64Array): void {
  const { items, ids, similarity, size } = neighbours;
  for (let i = 0; i < items; i++) {
    let sum = 0;
    for (let k = 0; k < factors; k++) sum += vectors[i * factors + k] * vectors[i * factors + k];
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let k = 0; k < factors; k++) unit[i * factors + k] = vectors[i * factors + k] * scale;
    neighbours.count[i] = sum > 0 ? 0 : -1;
  }
  for (let a = 0; a < items; a++) {
    if (neighbours.count[a] < 0) continue;
    let filled = 0;
    let floor = -Infinity;
    const offset = a * size;
    const oa = a * factors;
    for (let b = 0; b < items; b++) {
      if (b === a || neighbours.count[b] < 0) continue;
      const ob = b * factors;
      let d0 = 0;
      let d1 = 0;
      let k = 0;
      for (; k + 1 < factors; k += 2) {
        d0 += unit[oa + k] * unit[ob + k];
        d1 += unit[oa + k + 1] * unit[ob + k + 1];
      }
      if (k < factors) d0 += unit[oa + k] * unit[ob + k];
      const value = d0 + d1;
      // Most items fall below the current tenth-best: skip the insertion call for them.
      if (filled === size && value <= floor) continue;
      filled = insertTop(ids, similarity, offset, size, filled, b, value);
      if (filled === size) floor = similarity[offset + size - 1];
    }
    neighbours.count[a] = filled;
  }
  for (let i = 0; i < items; i++) if (neighbours.count[i] < 0) neighbours.count[i] = 0;
}
