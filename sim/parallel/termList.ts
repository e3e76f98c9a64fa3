import { grownArray } from '../grownArray.js';

/**
 * The terms of a floating-point sum that consumers of several replicas add to, each with a sort key. Floating-point
 * addition depends on its order, so the leader adds every replica's terms in key order, which is the order of a
 * single-replica run: the sum's bits then do not depend on the number of replicas.
 */
export class TermList {
  keys = new Float64Array(256);
  values = new Float64Array(256);
  length = 0;

  add(key: number, value: number): void {
    if (this.length === this.keys.length) {
      this.keys = grownArray(this.keys, this.length * 2);
      this.values = grownArray(this.values, this.length * 2);
    }
    this.keys[this.length] = key;
    this.values[this.length++] = value;
  }

  clear(): void {
    this.length = 0;
  }

  /** The terms held, copied (what a replica sends to the leader). */
  snapshot(): TermsPart {
    return { keys: this.keys.slice(0, this.length), values: this.values.slice(0, this.length), length: this.length };
  }
}

export interface TermsPart {
  readonly keys: Float64Array;
  readonly values: Float64Array;
  readonly length: number;
}

/** `start` plus every part's terms, added one by one in key order. */
export function sumInKeyOrder(start: number, parts: readonly TermsPart[]): number {
  if (parts.length === 1) return sumRange(start, parts[0].values, 0, parts[0].length);
  // A typed cell, not a captured local: a double captured by a closure is boxed at every addition.
  const sum = Float64Array.of(start);
  mergeRuns(parts, (p, from, count) => {
    sum[0] = sumRange(sum[0], parts[p].values, from, from + count);
  });
  return sum[0];
}

function sumRange(start: number, values: Float64Array, from: number, to: number): number {
  let sum = start;
  for (let k = from; k < to; k++) sum += values[k];
  return sum;
}

/**
 * Walks several key-sorted parts in ascending key order, as maximal runs of consecutive entries of one part:
 * `emit(part, from, count)`. Keys of different parts never tie in this engine (each consumer and each purchase belongs
 * to one replica); a tie would go to the lower part. One part is emitted whole, in its own order, whatever its keys.
 */
export function mergeRuns(parts: readonly { readonly keys: Float64Array; readonly length: number }[], emit: (part: number, from: number, count: number) => void): void {
  if (parts.length === 1) {
    if (parts[0].length > 0) emit(0, 0, parts[0].length);
    return;
  }
  const next = new Int32Array(parts.length);
  for (;;) {
    let best = -1;
    let bestKey = 0;
    let secondKey = Number.POSITIVE_INFINITY;
    for (let p = 0; p < parts.length; p++) {
      if (next[p] >= parts[p].length) continue;
      const key = parts[p].keys[next[p]];
      if (best < 0 || key < bestKey) {
        if (best >= 0) secondKey = bestKey;
        best = p;
        bestKey = key;
      } else if (key < secondKey) secondKey = key;
    }
    if (best < 0) return;
    const keys = parts[best].keys;
    const from = next[best];
    let to = from + 1;
    while (to < parts[best].length && keys[to] <= secondKey) {
      if (keys[to] < keys[to - 1]) throw new Error(`mergeRuns: part ${best} is not sorted by key at entry ${to}`);
      to++;
    }
    next[best] = to;
    emit(best, from, to - from);
  }
}
