/**
 * Places text labels beside points so that no label covers another label or a point: arms whose results coincide
 * on a chart would otherwise get labels drawn on top of each other. Greedy and deterministic: points are labelled in
 * the order given, each at the first free position of a fixed list of candidates around it, moving outwards ring by
 * ring. All lengths are in pixels of the plot area, y downwards (as drawn).
 */

/** A point to label: its position and the size of its label. */
export interface LabelRequest {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a label goes: its left edge and vertical middle (text aligned left, baseline middle). */
export interface PlacedLabel {
  x: number;
  y: number;
  /** Whether the label is away from its point's nearest ring, so a leader line should join them. */
  moved: boolean;
}

/** A rectangle: left, top, right, bottom. */
interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Radius kept free around every point's marker. */
const MARKER_RADIUS = 7;
/** Gap between a point and its label on the nearest ring. */
const GAP = 6;
const RINGS = 8;

/**
 * Width of a label in pixels, estimated from its length: the report is drawn without a font engine (see
 * renderSvg.ts), so the estimate errs wide. Bold DejaVu Sans averages about 0.62 em for lower-case letters but up to
 * 0.85 for capitals and 0.7 for digits; 0.72 em per character covers names of lower-case words, dashes and digits.
 */
export function estimateLabelWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * 0.72) + 2;
}

const overlap = (a: Box, b: Box): number =>
  Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

/** Candidate boxes of a label around its point, nearest ring first; within a ring right, left, above, below. */
function candidates(request: LabelRequest): Box[] {
  const { x, y, width: w, height: h } = request;
  const boxes: Box[] = [];
  for (let ring = 0; ring < RINGS; ring++) {
    const d = GAP + ring * (h + 2);
    const reach = MARKER_RADIUS + d;
    const offsets: [number, number][] = [
      [x + reach - MARKER_RADIUS + 2, y - h - d / 2], // right, above
      [x + reach - MARKER_RADIUS + 2, y + d / 2], // right, below
      [x - reach + MARKER_RADIUS - 2 - w, y - h - d / 2], // left, above
      [x - reach + MARKER_RADIUS - 2 - w, y + d / 2], // left, below
      [x - w / 2, y - MARKER_RADIUS - d - h], // above
      [x - w / 2, y + MARKER_RADIUS + d], // below
      [x + MARKER_RADIUS + d, y - h / 2], // right, level
      [x - MARKER_RADIUS - d - w, y - h / 2], // left, level
    ];
    for (const [left, top] of offsets) boxes.push({ left, top, right: left + w, bottom: top + h });
  }
  return boxes;
}

/**
 * Places one label per request, in order. A label's box must lie inside the plot (width x height), off every point's
 * marker and off every label placed before it; when no candidate is free, the one with the least overlap is taken.
 */
export function placeLabels(requests: readonly LabelRequest[], plot: { width: number; height: number }): PlacedLabel[] {
  const markers: Box[] = requests.map(({ x, y }) => ({ left: x - MARKER_RADIUS, top: y - MARKER_RADIUS, right: x + MARKER_RADIUS, bottom: y + MARKER_RADIUS }));
  const placed: Box[] = [];
  return requests.map((request) => {
    let best: Box | undefined;
    let bestCost = Infinity;
    let bestIndex = 0;
    for (const [index, box] of candidates(request).entries()) {
      const outside =
        Math.max(0, -box.left) * request.height + Math.max(0, box.right - plot.width) * request.height + Math.max(0, -box.top) * request.width + Math.max(0, box.bottom - plot.height) * request.width;
      let cost = outside;
      for (const other of placed) cost += overlap(box, other);
      for (const marker of markers) cost += overlap(box, marker);
      if (cost < bestCost) {
        best = box;
        bestCost = cost;
        bestIndex = index;
      }
      if (cost === 0) break;
    }
    const box = best!;
    placed.push(box);
    return { x: box.left, y: (box.top + box.bottom) / 2, moved: bestIndex >= 8 };
  });
}

/** Whether two placed labels of the given sizes overlap (for tests and checks). */
export function labelsOverlap(a: PlacedLabel, aSize: { width: number; height: number }, b: PlacedLabel, bSize: { width: number; height: number }): boolean {
  const box = (label: PlacedLabel, size: { width: number; height: number }): Box => ({ left: label.x, top: label.y - size.height / 2, right: label.x + size.width, bottom: label.y + size.height / 2 });
  return overlap(box(a, aSize), box(b, bSize)) > 0;
}
