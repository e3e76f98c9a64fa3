// Runs one scenario in a fresh process and prints its peak resident memory next to the estimate, as JSON.
// Usage: node measureRunMemory.mjs <scenario> [path=value ...]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadScenario, simulate } from '../../dist/sim/index.js';
import { estimateRunMemory } from '../../dist/sim/scenario/resourceEstimate.js';

const [file, ...overrides] = process.argv.slice(2);
const { scenario } = loadScenario(file, { overrides });
const folder = mkdtempSync(path.join(tmpdir(), 'mallsim-memory-'));
simulate(scenario, folder);
rmSync(folder, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ peakBytes: process.resourceUsage().maxRSS * 1024, estimateBytes: estimateRunMemory(scenario).bytes })}\n`);
