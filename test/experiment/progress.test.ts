import { describe, expect, it } from 'vitest';
import { createProgress } from '../../sim/experiment/progress.js';

/** A stream that is not a terminal and keeps what is written. */
function captured(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = { isTTY: false, write: (chunk: string) => chunks.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join('') };
}

describe('sweep progress', () => {
  it('writes plain lines when not on a terminal: at the start, at most once per interval, and at the end', () => {
    const out = captured();
    const progress = createProgress({ total: 5, initial: 1, quiet: false, stream: out.stream, intervalSeconds: 3600 });
    progress.update(2);
    progress.update(3);
    progress.update(5);
    progress.stop();
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^sweep: 1\/5 runs done, elapsed \d+ s$/);
    expect(lines[1]).toMatch(/^sweep: 5\/5 runs done, elapsed \d+ s$/);
  });

  it('gives an ETA from the runs done so far', () => {
    const out = captured();
    const progress = createProgress({ total: 4, initial: 0, quiet: false, stream: out.stream, intervalSeconds: 0 });
    progress.update(1);
    progress.stop();
    expect(out.text()).toMatch(/sweep: 1\/4 runs done, elapsed \d+ s, ETA \d+ s\n$/);
  });

  it('writes nothing when quiet', () => {
    const out = captured();
    const progress = createProgress({ total: 2, initial: 0, quiet: true, stream: out.stream });
    progress.update(2);
    progress.stop();
    expect(out.text()).toBe('');
  });
});
