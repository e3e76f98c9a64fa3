import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1), the shape d3-random's `.source()` expects. */
export type RandomSource = () => number;

/**
 * A named stream derived from the run seed. Tyche-i is one of seedrandom's fast generators: the default ARC4 is an
 * order of magnitude slower. Different names give independent streams, so adding draws in one area (say, the
 * catalog) never shifts the numbers another area (say, the population) sees.
 */
export function namedStream(runSeed: number, name: string): RandomSource {
  return seedrandom.tychei(`mallsim/${runSeed}/${name}`);
}

/** Two 32-bit words from a named stream: the key that seeds a bank of per-id streams. */
function streamKey(runSeed: number, name: string): [number, number] {
  const source = seedrandom.tychei(`mallsim/${runSeed}/bank/${name}`);
  return [source.int32(), source.int32()];
}

/** MurmurHash3's finalizer: spreads nearby ids and days over the whole 32-bit range. */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

const WARM_UP_ROUNDS = 12;

/**
 * One independent stream per id (consumer or item), all state in one Int32Array. `reseed(id, epoch)` restarts id's
 * stream at a point fixed by (run seed, bank name, id, epoch): the engine reseeds every consumer each day, so the
 * numbers consumer i meets on day t do not depend on how many draws anyone made before, nor on the processing order.
 * That is what makes policy comparisons use common random numbers.
 *
 * The generator is Tyche-i, bit for bit the algorithm of `seedrandom.tychei` (a test checks this), kept in a typed
 * array because a seedrandom object per consumer would cost an allocation per consumer per day.
 */
export class StreamBank {
  private readonly state: Int32Array;
  /** The epoch each id's stream was last started at (-1: never). */
  private readonly epochOf: Int32Array;
  private readonly key0: number;
  private readonly key1: number;

  constructor(runSeed: number, name: string, readonly size: number) {
    [this.key0, this.key1] = streamKey(runSeed, name);
    this.state = new Int32Array(size * 4);
    this.epochOf = new Int32Array(size).fill(-1);
  }

  /**
   * Starts id's stream for `epoch` unless it is already there: each step of the day calls this before a consumer's
   * first draw, so a consumer's draws in one step never depend on how many draws another step made.
   */
  begin(id: number, epoch: number): void {
    if (this.epochOf[id] !== epoch) this.reseed(id, epoch);
  }

  /** Restarts id's stream for the given epoch (the day, or a trait index at creation). */
  reseed(id: number, epoch: number): void {
    this.epochOf[id] = epoch;
    const s = this.state;
    const o = id * 4;
    s[o] = mix32(this.key0 ^ mix32(id + 0x9e3779b9 * (epoch + 1)));
    s[o + 1] = mix32(this.key1 ^ mix32(epoch * 0x7feb352d + id));
    s[o + 2] = 2654435769 | 0;
    s[o + 3] = 1367130551;
    for (let k = 0; k < WARM_UP_ROUNDS; k++) this.nextInt(id);
  }


  /** The next 32-bit integer of id's stream (Tyche-i step). */
  nextInt(id: number): number {
    const s = this.state;
    const o = id * 4;
    let a = s[o];
    let b = s[o + 1];
    let c = s[o + 2];
    let d = s[o + 3];
    b = (b << 25) ^ (b >>> 7) ^ c;
    c = (c - d) | 0;
    d = (d << 24) ^ (d >>> 8) ^ a;
    a = (a - b) | 0;
    b = (b << 20) ^ (b >>> 12) ^ c;
    c = (c - d) | 0;
    d = (d << 16) ^ (c >>> 16) ^ a;
    a = (a - b) | 0;
    s[o] = a;
    s[o + 1] = b;
    s[o + 2] = c;
    s[o + 3] = d;
    return a;
  }

  /** The next uniform number in [0, 1) of id's stream. */
  next(id: number): number {
    return (this.nextInt(id) >>> 0) / 0x100000000;
  }

  /** Copies id's state out, for checking against seedrandom. */
  stateOf(id: number): { a: number; b: number; c: number; d: number } {
    const o = id * 4;
    return { a: this.state[o], b: this.state[o + 1], c: this.state[o + 2], d: this.state[o + 3] };
  }
}

/**
 * A RandomSource view of one id of a bank, for d3-random samplers: point it at an id, then draw.
 * One object serves every id, so creating a population allocates no source per consumer.
 */
export class BankCursor {
  id = 0;
  readonly source: RandomSource;

  constructor(readonly bank: StreamBank) {
    this.source = () => this.bank.next(this.id);
  }
}
