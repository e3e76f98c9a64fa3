import { exposureColumns, purchaseColumns, regretColumns, type ExposureColumn, type PurchaseColumn, type RegretColumn } from '../output/tables.js';
import { RowBuffer } from './rowBuffer.js';
import { TermList } from './termList.js';

/**
 * What one replica's consumers add to the run's tables and floating-point sums during a phase of the day, held until
 * the phase ends and the leader writes every replica's share in the order of a single-replica run. Keys: the consumer
 * id for session rows (hours 0-23 run consumers in id order), the cart position for cart-review rows, the purchase id
 * for evaluations.
 */
export class ReplicaRows {
  readonly purchases: RowBuffer<PurchaseColumn>;
  readonly exposures: RowBuffer<ExposureColumn> | null;
  /** Regret rows; their welfare column is also summed over the run, in purchase order. */
  readonly regret: RowBuffer<RegretColumn>;
  /** Intra-list diversity of feed sessions with two or more items, by consumer. */
  readonly feedDiversity = new TermList();
  /** Arousal and self-control of the day's active consumers, by consumer. */
  readonly emotionOfActive = new TermList();
  readonly selfControlOfActive = new TermList();
  /**
   * Refunds sent back today, keyed REFUND_SAME_DAY or REFUND_QUEUED + decision day * REFUND_DAY_STEP, plus the
   * replica's own purchase id, which the leader swaps for the run-wide one.
   */
  readonly refunds = new TermList();

  constructor(segments: readonly string[], exposures: boolean) {
    this.purchases = new RowBuffer(purchaseColumns(segments));
    this.exposures = exposures ? new RowBuffer(exposureColumns()) : null;
    this.regret = new RowBuffer(regretColumns());
  }
}

/** Refund keys: returns carried out on their delivery day come first, in purchase order, then queued ones. */
export const REFUND_SAME_DAY = 0;
export const REFUND_QUEUED = 2 ** 48;
export const REFUND_DAY_STEP = 2 ** 31;
