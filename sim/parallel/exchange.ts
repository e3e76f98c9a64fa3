/**
 * A message a replica hands in at a sync point: `shared` goes to every replica, `leader` only to the leader (rows,
 * counters and sums for the tables). Plain data and typed arrays only.
 */
export interface SyncMessage<Shared, Leader> {
  readonly shared: Shared;
  readonly leader: Leader;
}

/**
 * How the replicas of one run meet at a sync point: each hands in its message and gets back every replica's, in
 * replica order (an all-gather). Replicas other than the leader get the others' `shared` parts only (`leader` null).
 */
export interface Exchange {
  readonly replica: number;
  readonly replicas: number;
  /** Blocks until every replica has handed in its message; returns all of them, index = replica. */
  allGather<Shared, Leader>(message: SyncMessage<Shared, Leader>): SyncMessage<Shared, Leader>[];
}

/** The exchange of a run with one replica: its own message is all there is. */
export class SoloExchange implements Exchange {
  readonly replica = 0;
  readonly replicas = 1;

  allGather<Shared, Leader>(message: SyncMessage<Shared, Leader>): SyncMessage<Shared, Leader>[] {
    return [message];
  }
}
