import path from 'node:path';
import { ArrowTableWriter } from './arrowTableWriter.js';
import {
  consumerColumns,
  dayColumns,
  exposureColumns,
  hourColumns,
  pathColumns,
  purchaseColumns,
  regretColumns,
  segmentColumns,
  type ConsumerColumn,
  type DayColumn,
  type ExposureColumn,
  type HourColumn,
  type PathColumn,
  type PurchaseColumn,
  type RegretColumn,
} from './tables.js';

/** The table writers of one run, all streaming into the run's (temporary) folder. */
export class RunTables {
  readonly purchases: ArrowTableWriter<PurchaseColumn>;
  readonly regret: ArrowTableWriter<RegretColumn>;
  readonly days: ArrowTableWriter<DayColumn>;
  readonly hours: ArrowTableWriter<HourColumn>;
  readonly paths: ArrowTableWriter<PathColumn>;
  readonly consumers: ArrowTableWriter<ConsumerColumn>;
  readonly segments: ArrowTableWriter<string>;
  readonly exposures: ArrowTableWriter<ExposureColumn> | null;

  constructor(folder: string, segments: readonly string[], batchRows: number, withExposures: boolean, metadata: Record<string, string>) {
    const options = { batchRows, metadata };
    const file = (name: string) => path.join(folder, `${name}.arrow`);
    this.purchases = new ArrowTableWriter(file('purchases'), purchaseColumns(segments), options);
    this.regret = new ArrowTableWriter(file('regret'), regretColumns(), options);
    this.days = new ArrowTableWriter(file('days'), dayColumns(), options);
    this.hours = new ArrowTableWriter(file('hours'), hourColumns(), options);
    this.paths = new ArrowTableWriter(file('paths'), pathColumns(), options);
    this.consumers = new ArrowTableWriter(file('consumers'), consumerColumns(segments), options);
    this.segments = new ArrowTableWriter(file('segments'), segmentColumns(segments), options);
    this.exposures = withExposures ? new ArrowTableWriter(file('exposures'), exposureColumns(), options) : null;
  }

  /** Finishes every file; returns the row counts by table. */
  close(): Record<string, number> {
    const counts: Record<string, number> = {
      purchases: this.purchases.close(),
      regret: this.regret.close(),
      days: this.days.close(),
      hours: this.hours.close(),
      paths: this.paths.close(),
      consumers: this.consumers.close(),
      segments: this.segments.close(),
    };
    if (this.exposures) counts.exposures = this.exposures.close();
    return counts;
  }

  /** Abandons every file (a failed run). */
  abort(): void {
    for (const writer of [this.purchases, this.regret, this.days, this.hours, this.paths, this.consumers, this.segments, this.exposures]) writer?.abort();
  }
}
