/**
 * Consumers split into fixed blocks of consecutive ids, dealt out to the replicas of a run: replica r of n owns the
 * blocks b with b mod n = r. The block size does not depend on n, and blocks are contiguous id ranges, so "blocks in
 * ascending order, each in id order" is plain id order whatever the number of replicas (docs/THREADS.md, section 0).
 */
export const BLOCK_SIZE = 1024;

/** The id ranges one replica owns, in ascending order. */
export class Ownership {
  /** Range k is [start[k], end[k]). */
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly ranges: number;
  /** Consumers owned. */
  readonly owned: number;

  constructor(
    readonly size: number,
    readonly replica: number,
    readonly replicas: number,
  ) {
    if (!Number.isInteger(replicas) || replicas < 1) throw new RangeError(`replicas: expected an integer >= 1, got ${replicas}`);
    if (!Number.isInteger(replica) || replica < 0 || replica >= replicas) throw new RangeError(`replica: expected 0..${replicas - 1}, got ${replica}`);
    const blocks = Math.ceil(size / BLOCK_SIZE);
    const start: number[] = [];
    const end: number[] = [];
    for (let b = replica; b < blocks; b += replicas) {
      const from = b * BLOCK_SIZE;
      const to = Math.min(size, from + BLOCK_SIZE);
      // With one replica the blocks touch: one range, the plain loop over every consumer.
      if (end.length > 0 && end[end.length - 1] === from) end[end.length - 1] = to;
      else {
        start.push(from);
        end.push(to);
      }
    }
    this.start = Int32Array.from(start);
    this.end = Int32Array.from(end);
    this.ranges = start.length;
    this.owned = start.reduce((sum, from, k) => sum + end[k] - from, 0);
  }

  owns(consumer: number): boolean {
    return Math.floor(consumer / BLOCK_SIZE) % this.replicas === this.replica;
  }
}

/**
 * Copies the owned rows of per-consumer arrays (each `size x width` values) into one packed array per input, in
 * ascending id order: what a replica sends so that another can write them back with {@link unpackOwnedRows}.
 */
export function packOwnedRows<T extends PerConsumerArray>(owned: Ownership, arrays: readonly T[]): T[] {
  return arrays.map((array) => {
    const width = array.length / owned.size;
    const packed = new (array.constructor as new (length: number) => T)(owned.owned * width);
    let at = 0;
    for (let k = 0; k < owned.ranges; k++) {
      const rows = array.subarray(owned.start[k] * width, owned.end[k] * width);
      packed.set(rows as never, at);
      at += rows.length;
    }
    return packed;
  });
}

/** Writes rows packed by {@link packOwnedRows} on the replica that owns them back into full per-consumer arrays. */
export function unpackOwnedRows<T extends PerConsumerArray>(owned: Ownership, arrays: readonly T[], packed: readonly T[]): void {
  arrays.forEach((array, a) => {
    const width = array.length / owned.size;
    let at = 0;
    for (let k = 0; k < owned.ranges; k++) {
      const length = (owned.end[k] - owned.start[k]) * width;
      array.set(packed[a].subarray(at, at + length) as never, owned.start[k] * width);
      at += length;
    }
  });
}

export type PerConsumerArray = Float64Array | Float32Array | Int32Array | Int16Array | Uint16Array | Uint8Array | Uint32Array | Int8Array;
