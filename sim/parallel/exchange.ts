/**
 * How the replicas of one run meet at a sync point: each hands in its message and gets back every replica's, in
 * replica order (an all-gather). Messages hold plain data and typed arrays only.
 */
export interface Exchange {
  readonly replica: number;
  readonly replicas: number;
  /** Blocks until every replica has handed in its message; returns all of them, index = replica. */
  allGather<T>(message: T): T[];
}

/** The exchange of a run with one replica: its own message is all there is. */
export class SoloExchange implements Exchange {
  readonly replica = 0;
  readonly replicas = 1;

  allGather<T>(message: T): T[] {
    return [message];
  }
}
