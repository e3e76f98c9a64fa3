import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain, uncoloured line, "N passed, N failed, N skipped", so that
 * tools reading a log (CI summaries, grep) see the outcome without parsing vitest's coloured table.
 * Files that failed to load count as failed: their tests never ran.
 */
export default class ClosingLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
