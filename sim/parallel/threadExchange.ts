import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Exchange, SyncMessage } from './exchange.js';

/**
 * The all-gather of a run on worker threads, synchronous on both sides: the leader's thread (replica 0) is the hub.
 * Each worker posts its message on its own port and bumps its slot of a shared counter array; the hub takes the
 * messages in replica order, then posts every worker the others' `shared` parts. A side with nothing to read waits on
 * the counter (Atomics.wait), so no event loop is needed and the run stays one synchronous call.
 *
 * Counter slots: 2w for messages from worker w to the hub, 2w + 1 for messages from the hub to worker w.
 */

/** How long a side waits for a replica that sends nothing before it gives up: a replica thread that died says nothing. */
const SILENCE_LIMIT_MS = 15 * 60 * 1000;

/** A replica thread failed, or went silent; its error text (with stack) is the message. */
export class ReplicaError extends Error {}

/** The leader stopped the run: a replica ends without reporting anything. */
export class ReplicaStopped extends Error {}

interface Posted {
  readonly message?: unknown;
  /** A worker's error, in place of its message. */
  readonly failure?: string;
  /** The hub stopped the run: the worker ends. */
  readonly abort?: true;
}

function post(port: MessagePort, signals: Int32Array, slot: number, posted: Posted): void {
  port.postMessage(posted);
  Atomics.add(signals, slot, 1);
  Atomics.notify(signals, slot);
}

function receive(port: MessagePort, signals: Int32Array, slot: number, from: string): Posted {
  // A monotonic clock: a run suspended for a while (a sleeping laptop) is not a silent replica.
  const started = performance.now();
  for (;;) {
    const seen = Atomics.load(signals, slot);
    const received = receiveMessageOnPort(port);
    if (received !== undefined) return received.message as Posted;
    if (performance.now() - started > SILENCE_LIMIT_MS) throw new ReplicaError(`${from} sent nothing for ${SILENCE_LIMIT_MS / 60000} minutes; its thread has probably died (out of memory?)`);
    Atomics.wait(signals, slot, seen, 1000);
  }
}

/** The leader's side: replica 0 on the thread that writes the tables. */
export class HubExchange implements Exchange {
  readonly replica = 0;

  /** `ports[w]` talks to worker w (index 0 unused). */
  constructor(
    readonly replicas: number,
    private readonly ports: readonly MessagePort[],
    private readonly signals: Int32Array,
  ) {}

  allGather<Shared, Leader>(message: SyncMessage<Shared, Leader>): SyncMessage<Shared, Leader>[] {
    const all: SyncMessage<Shared, Leader>[] = [message];
    for (let w = 1; w < this.replicas; w++) {
      const posted = receive(this.ports[w], this.signals, 2 * w, `replica ${w}`);
      if (posted.failure !== undefined) throw new ReplicaError(`replica ${w} failed: ${posted.failure}`);
      all.push(posted.message as SyncMessage<Shared, Leader>);
    }
    const shared = all.map((m) => m.shared);
    for (let w = 1; w < this.replicas; w++) post(this.ports[w], this.signals, 2 * w + 1, { message: shared.map((s, r) => (r === w ? null : s)) });
    return all;
  }

  /** Tells every worker to stop (the leader failed). */
  abort(): void {
    for (let w = 1; w < this.replicas; w++) post(this.ports[w], this.signals, 2 * w + 1, { abort: true });
  }
}

/** A worker's side. */
export class WorkerExchange implements Exchange {
  constructor(
    readonly replica: number,
    readonly replicas: number,
    private readonly port: MessagePort,
    private readonly signals: Int32Array,
  ) {}

  allGather<Shared, Leader>(message: SyncMessage<Shared, Leader>): SyncMessage<Shared, Leader>[] {
    // Copied, never transferred: detaching one ArrayBuffer in an isolate makes V8 add a detach check to every typed
    // array access in its optimized code (the detaching protector), and this replica's sessions ran 11% slower.
    post(this.port, this.signals, 2 * this.replica, { message });
    const posted = receive(this.port, this.signals, 2 * this.replica + 1, 'the leader');
    if (posted.abort) throw new ReplicaStopped('stopped by the leader');
    const shared = posted.message as Shared[];
    // Only the others' shared parts are read here, and this replica's own.
    return shared.map((s, r) => (r === this.replica ? { shared: message.shared, leader: null as Leader } : { shared: s, leader: null as Leader }));
  }

  /** Reports this worker's error to the hub in place of its next message. */
  fail(error: unknown): void {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    post(this.port, this.signals, 2 * this.replica, { failure: text });
  }
}
