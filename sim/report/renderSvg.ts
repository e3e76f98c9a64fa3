import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Vega names clip paths and gradients from process-wide counters, so the same chart drawn twice (or after other
 * charts) gets other ids, and two charts inline in one page could both define `clip1`, the second chart then clipping
 * to the first one's rectangle. Renaming every id after `prefix` in order of appearance makes each chart's SVG
 * depend only on its spec and keeps the ids of a page's charts distinct.
 */
export function renameSvgIds(svg: string, prefix: string): string {
  const renamed = new Map<string, string>();
  for (const match of svg.matchAll(/\bid="([^"]+)"/g)) {
    if (!renamed.has(match[1])) renamed.set(match[1], `${prefix}-${renamed.size + 1}`);
  }
  if (renamed.size === 0) return svg;
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${renamed.get(id) ?? id}"`)
    .replace(/url\(#([^)]+)\)/g, (whole, id: string) => (renamed.has(id) ? `url(#${renamed.get(id)})` : whole));
}

/**
 * Compiles a Vega-Lite spec to Vega and renders it to an SVG string in Node, with no canvas and no DOM
 * (`renderer: 'none'`; text widths are estimated, the same on every machine). The spec must carry its data inline:
 * nothing is loaded. `idPrefix` makes the SVG's internal ids unique on the page (letters, digits and dashes).
 */
export async function renderVegaLiteSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  const vegaSpec = compile(spec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return renameSvgIds(svg, idPrefix);
  } finally {
    view.finalize();
  }
}
