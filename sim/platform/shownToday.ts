import { grownArray } from '../grownArray.js';

/**
 * The items the platform showed each consumer today, as one list per consumer threaded through shared growable
 * arrays (no allocation per consumer). A feed built in a later hour of the same day leaves these items out: the
 * platform does not show a consumer the same item twice in a day (the feed resumes rather than repeats).
 */
export class ShownToday {
  private readonly head: Int32Array;
  private readonly headDay: Int32Array;
  private nextEntry = new Int32Array(1024);
  private itemOf = new Int32Array(1024);
  private count = 0;
  private day = -1;

  constructor(consumers: number) {
    this.head = new Int32Array(consumers);
    this.headDay = new Int32Array(consumers).fill(-1);
  }

  /** Records that `item` was shown to `consumer` on `day` (a new day empties every list). */
  add(consumer: number, item: number, day: number): void {
    if (day !== this.day) {
      this.day = day;
      this.count = 0;
    }
    if (this.count === this.itemOf.length) this.grow();
    const entry = this.count++;
    this.itemOf[entry] = item;
    this.nextEntry[entry] = this.headDay[consumer] === day ? this.head[consumer] : -1;
    this.head[consumer] = entry;
    this.headDay[consumer] = day;
  }

  /** The consumer's most recent entry on `day`, or -1; walk on with `next` and read with `item`. */
  first(consumer: number, day: number): number {
    return this.headDay[consumer] === day && day === this.day ? this.head[consumer] : -1;
  }

  next(entry: number): number {
    return this.nextEntry[entry];
  }

  item(entry: number): number {
    return this.itemOf[entry];
  }

  private grow(): void {
    const size = this.itemOf.length * 2;
    this.itemOf = grownArray(this.itemOf, size);
    this.nextEntry = grownArray(this.nextEntry, size);
  }
}
