/**
 * Entry point of a pool worker (compiled to dist/sim/experiment/runWorker.js): answers run requests from the parent
 * until the parent lets go. It serves both as a child process (what the pool uses, see workerPool.ts) and as a worker
 * thread (kept so that the two can be measured against each other).
 */
import { rmSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { handleRunRequest, type RunRequest } from './runJob.js';

if (parentPort) {
  const port = parentPort;
  port.on('message', (request: RunRequest) => port.postMessage(handleRunRequest(request)));
} else if (process.send) {
  process.on('message', (request: RunRequest) => {
    const reply = handleRunRequest(request);
    // A parent that died (kill -9, Ctrl-C) cannot commit this run: leave nothing behind for a resumed sweep.
    const orphaned = (): never => {
      rmSync(request.temp, { recursive: true, force: true });
      process.exit(0);
    };
    if (!process.connected) orphaned();
    process.send!(reply, undefined, undefined, (error: Error | null) => {
      if (error) orphaned();
    });
  });
  // The parent closing the channel (finished, failed or killed) ends the worker.
  process.on('disconnect', () => process.exit(0));
} else {
  process.stderr.write('runWorker.js is started by the mallsim run pool, not directly\n');
  process.exit(2);
}
