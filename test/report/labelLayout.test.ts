import { describe, expect, it } from 'vitest';
import { estimateLabelWidth, labelsOverlap, placeLabels, type LabelRequest } from '../../sim/report/labelLayout.js';

const PLOT = { width: 900, height: 420 };
const label = (x: number, y: number, text: string): LabelRequest => ({ x, y, width: estimateLabelWidth(text, 12), height: 16 });

/** Every pair of placed labels is apart, and every label is inside the plot and off every point's marker. */
function expectClear(requests: LabelRequest[]): void {
  const placed = placeLabels(requests, PLOT);
  for (let a = 0; a < placed.length; a++) {
    const box = { left: placed[a].x, top: placed[a].y - requests[a].height / 2, right: placed[a].x + requests[a].width, bottom: placed[a].y + requests[a].height / 2 };
    expect(box.left, `label ${a}`).toBeGreaterThanOrEqual(0);
    expect(box.right, `label ${a}`).toBeLessThanOrEqual(PLOT.width);
    expect(box.top, `label ${a}`).toBeGreaterThanOrEqual(0);
    expect(box.bottom, `label ${a}`).toBeLessThanOrEqual(PLOT.height);
    for (const point of requests) {
      const hitsMarker = point.x + 7 > box.left && point.x - 7 < box.right && point.y + 7 > box.top && point.y - 7 < box.bottom;
      expect(hitsMarker, `label ${a} covers a point`).toBe(false);
    }
    for (let b = a + 1; b < placed.length; b++) expect(labelsOverlap(placed[a], requests[a], placed[b], requests[b]), `labels ${a} and ${b}`).toBe(false);
  }
}

describe('label layout', () => {
  it('puts a lone label just right of and above its point', () => {
    const [placed] = placeLabels([label(400, 200, 'default')], PLOT);
    expect(placed.x).toBeGreaterThan(400);
    expect(placed.x).toBeLessThan(420);
    expect(placed.y).toBeLessThan(200);
    expect(placed.y).toBeGreaterThan(180);
    expect(placed.moved).toBe(false);
  });

  it('gives arms whose results coincide labels that cover neither each other nor any point', () => {
    const names = ['default', 'cooling-off', 'budget-reminder', 'diverse-feed', 'a-much-longer-arm-name', 'sixth', 'seventh', 'eighth'];
    expectClear(names.map((name) => label(450, 210, name)));
  });

  it('keeps labels inside the plot for points at its edges and corners', () => {
    expectClear([label(898, 210, 'right-edge-arm'), label(2, 2, 'top-left'), label(898, 418, 'bottom-right'), label(450, 0, 'top')]);
  });

  it('separates points a few pixels apart, and joins a label sent to an outer ring to its point', () => {
    const crowd = Array.from({ length: 10 }, (_, k) => label(300 + k * 3, 200 + (k % 3) * 2, `arm-number-${k}`));
    expectClear(crowd);
    expect(placeLabels(crowd, PLOT).some((placed) => placed.moved)).toBe(true);
  });

  it('places the same labels for the same points', () => {
    const requests = [label(100, 100, 'a'), label(100, 100, 'b'), label(105, 98, 'c')];
    expect(placeLabels(requests, PLOT)).toEqual(placeLabels(requests, PLOT));
  });
});
