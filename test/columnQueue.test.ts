import { describe, expect, it } from 'vitest';
import { ColumnQueue } from '../sim/columnQueue.js';

describe('ColumnQueue', () => {
  it('keeps records in order through rotations that grow its arrays', () => {
    const queue = new ColumnQueue({ id: Int32Array }, 8);
    // A loop may hold the columns object across pushes and rotations (carrying out due returns does).
    const columns = queue.columns;
    for (let id = 0; id < 8; id++) columns.id[queue.push()] = id;
    // Full with the head at 0: the first rotation must grow the arrays, and the rotated record must survive it.
    const seen: number[] = [];
    for (let k = 0; k < 8; k++) {
      seen.push(columns.id[queue.first]);
      queue.rotate();
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(queue.columns).toBe(columns);
    const after: number[] = [];
    while (queue.length > 0) {
      after.push(columns.id[queue.first]);
      queue.shift();
    }
    expect(after).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
