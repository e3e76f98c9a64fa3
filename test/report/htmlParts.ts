/** Pieces of a rendered report, found by the markup the report modules write. */

/** Every chart container by its `data-chart` name, with the markup inside it. */
export function chartsByName(html: string): Map<string, string> {
  const charts = new Map<string, string>();
  for (const match of html.matchAll(/<figure class="[^"]*" data-chart="([^"]+)">([\s\S]*?)<\/figure>/g)) {
    if (charts.has(match[1])) throw new Error(`chart "${match[1]}" appears twice`);
    charts.set(match[1], match[2]);
  }
  return charts;
}

/** How many times `needle` occurs in `text`. */
export function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Number of drawn items with the given Vega role description (bar, point, line mark, errorbar, text mark). */
export function marks(svg: string, role: string): number {
  return count(svg, `aria-roledescription="${role}"`);
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

/** Text of HTML markup: tags dropped, the five escapes undone. */
export function textOf(markup: string): string {
  return markup.replace(/<[^>]+>/g, '').replace(/&(?:lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity]);
}

/** The table body rows as arrays of cell texts (group rows give one cell). */
export function tableRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => textOf(cell[1])),
  );
}
