import { MessageChannel, Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { addCounters, takeCounters } from '../../sim/parallel/counterLedger.js';
import { HubExchange } from '../../sim/parallel/threadExchange.js';
import { smallScenario } from '../helpers/scenarios.js';
import { buildWorld } from '../helpers/world.js';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

describe('the exchange between replica threads', () => {
  it("stops the leader with the replica's own error when a replica fails", () => {
    const { port1, port2 } = new MessageChannel();
    const signals = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
    // A replica that fails at once: its error takes the place of its message, as WorkerExchange.fail sends it.
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       workerData.port.postMessage({ failure: 'Error: the replica broke' });
       Atomics.add(workerData.signals, 2, 1);
       Atomics.notify(workerData.signals, 2);`,
      { eval: true, workerData: { port: port2, signals }, transferList: [port2] },
    );
    closers.push(() => void worker.terminate());
    const hub = new HubExchange(2, [port1, port1], signals);
    expect(() => hub.allGather({ shared: null, leader: null })).toThrow(/replica 1 failed: Error: the replica broke/);
  });
});

describe('the counter ledger', () => {
  it('hands in whole-number counters and zeroes them; the leader adds them; floating-point sums stay out', () => {
    const sender = buildWorld(smallScenario());
    const leader = buildWorld(smallScenario());
    closers.push(sender.close, leader.close);
    const s = sender.world;
    s.today.purchases = 3;
    s.today.gmv = 99.5;
    s.today.purchasesByCategory[1] = 2;
    s.totals.feedExposures = 40;
    s.totals.welfare = 7.25;
    s.paths.counts[5] = 4;
    s.impulseProfile.thirds[2] = 6;
    const l = leader.world;
    l.today.purchases = 10;
    l.today.gmv = 1;
    l.totals.feedExposures = 1;
    addCounters(l, takeCounters(s));
    expect([s.today.purchases, s.today.purchasesByCategory[1], s.totals.feedExposures, s.paths.counts[5], s.impulseProfile.thirds[2]]).toEqual([0, 0, 0, 0, 0]);
    expect([l.today.purchases, l.today.purchasesByCategory[1], l.totals.feedExposures, l.paths.counts[5], l.impulseProfile.thirds[2]]).toEqual([13, 2, 41, 4, 6]);
    // Sums of money are added by the leader in single-replica order from the rows, never from a replica's total.
    expect([s.today.gmv, s.totals.welfare, l.today.gmv]).toEqual([99.5, 7.25, 1]);
  });
});
