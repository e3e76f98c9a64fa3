/**
 * The report page's HTML: escaping, the page shell with its inline style sheet, chart figures and tables.
 * The page has no script and fetches nothing: a Content-Security-Policy forbids every load but inline styles,
 * so it opens the same offline, from an e-mail attachment or from a file share.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Letters, digits and dashes only: a name made safe for the SVG id prefixes of a page's charts. */
export const idSafe = (text: string): string => text.replace(/[^A-Za-z0-9-]+/g, '-');

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** A table cell: plain text (escaped when written) with an optional class, e.g. `num` for right-aligned numbers. */
export interface TableCell {
  text: string;
  className?: string;
}

/** A table row: ordinary cells, or one heading cell spanning the whole row that starts a group of rows. */
export type TableRow = { cells: (TableCell | string)[]; className?: string } | { group: string; note?: string };

/** A table: column headings and rows; every text is escaped. */
export interface Table {
  caption: string;
  head: (TableCell | string)[];
  rows: TableRow[];
}

const cellOf = (cell: TableCell | string): TableCell => (typeof cell === 'string' ? { text: cell } : cell);

const classAttribute = (className: string | undefined): string => (className ? ` class="${escapeHtml(className)}"` : '');

function renderRow(row: TableRow, columns: number): string {
  if ('group' in row) {
    const note = row.note ? ` <span class="note">${escapeHtml(row.note)}</span>` : '';
    return `<tr class="group"><th colspan="${columns}" scope="rowgroup">${escapeHtml(row.group)}${note}</th></tr>`;
  }
  const cells = row.cells.map(cellOf).map((cell) => `<td${classAttribute(cell.className)}>${escapeHtml(cell.text)}</td>`);
  return `<tr${classAttribute(row.className)}>${cells.join('')}</tr>`;
}

/** Writes a table as HTML with every text escaped. */
export function renderTable(table: Table): string {
  const head = table.head.map(cellOf).map((cell) => `<th scope="col"${classAttribute(cell.className)}>${escapeHtml(cell.text)}</th>`);
  const rows = table.rows.map((row) => renderRow(row, table.head.length));
  return [
    '<div class="table-wrap"><table>',
    `<caption>${escapeHtml(table.caption)}</caption>`,
    `<thead><tr>${head.join('')}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table></div>',
  ].join('\n');
}

/** A chart as it appears on the page. */
export interface Figure {
  /** Stable name for the `data-chart` attribute, by which tests and readers find the chart. */
  name: string;
  heading: string;
  caption: string;
  /** The chart's SVG markup, trusted: it comes from the Vega renderer, which escapes the data it draws. */
  svg: string;
  /** Extra class for the figure, e.g. `wide` for a chart that takes the whole row. */
  className?: string;
}

/** Writes a chart figure: a heading, the inline SVG and a caption, in a container carrying `data-chart`. */
export function renderFigure(figure: Figure): string {
  const className = figure.className ? `chart ${figure.className}` : 'chart';
  return [
    `<figure class="${escapeHtml(className)}" data-chart="${escapeHtml(figure.name)}">`,
    `<h3>${escapeHtml(figure.heading)}</h3>`,
    figure.svg,
    `<figcaption>${escapeHtml(figure.caption)}</figcaption>`,
    '</figure>',
  ].join('\n');
}

/** A titled part of the page, listed in the contents. */
export interface Section {
  /** Anchor id (letters, digits and dashes). */
  id: string;
  heading: string;
  /** Optional introduction, plain text. */
  intro?: string;
  /** The section's body, already HTML (figures and tables from this module). */
  body: string;
  /** `grid` lays figures out in columns. */
  layout?: 'grid' | 'flow';
}

/** What the page shell needs. */
export interface Page {
  title: string;
  /** Lines under the title (what was compared, when), plain text. */
  facts: { label: string; value: string }[];
  sections: Section[];
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: #1d2330; font: 15px/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 20px; margin: 36px 0 6px; padding-bottom: 4px; border-bottom: 2px solid #d5d9e0; }
h3 { font-size: 15px; margin: 0 0 6px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 12px; }
dl.facts dt { color: #5a6272; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
nav ol { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 0; padding: 0; list-style: none; }
nav a { color: #0b5cad; }
p.intro { margin: 4px 0 14px; color: #3c4454; max-width: 80ch; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; }
.flow > * + * { margin-top: 16px; }
figure.chart { margin: 0; padding: 12px 14px 10px; background: #fff; border: 1px solid #dde1e7; border-radius: 6px; min-width: 0; }
figure.chart.wide { grid-column: 1 / -1; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { margin-top: 6px; font-size: 13px; color: #5a6272; }
.table-wrap { overflow-x: auto; width: fit-content; max-width: 100%; background: #fff; border: 1px solid #dde1e7; border-radius: 6px; }
table { border-collapse: collapse; font-size: 14px; }
caption { text-align: left; padding: 10px 12px; color: #5a6272; font-size: 13px; }
th, td { padding: 5px 16px; text-align: left; vertical-align: top; border-top: 1px solid #eceef2; }
thead th { background: #eef1f5; border-top: 0; white-space: nowrap; }
tr.group th { background: #f7f8fa; font-weight: 600; border-top: 1px solid #d5d9e0; }
tr.group .note { font-weight: 400; color: #5a6272; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.baseline td { color: #5a6272; }
td.significant { font-weight: 700; }
footer { margin-top: 40px; font-size: 12px; color: #7a8292; }
@media print { body { background: #fff; } figure.chart, .table-wrap { break-inside: avoid; } }
`;

function renderSection(section: Section): string {
  const intro = section.intro ? `<p class="intro">${escapeHtml(section.intro)}</p>\n` : '';
  return [
    `<section id="${escapeHtml(section.id)}">`,
    `<h2>${escapeHtml(section.heading)}</h2>`,
    `${intro}<div class="${section.layout ?? 'flow'}">`,
    section.body,
    '</div>',
    '</section>',
  ].join('\n');
}

/** Writes the whole self-contained page: inline style, no script, nothing loaded from anywhere. */
export function renderPage(page: Page): string {
  const facts = page.facts.map((fact) => `<dt>${escapeHtml(fact.label)}</dt><dd>${escapeHtml(fact.value)}</dd>`).join('\n');
  const contents = page.sections.map((section) => `<li><a href="#${escapeHtml(section.id)}">${escapeHtml(section.heading)}</a></li>`).join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="mallsim">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<header>',
    `<h1>${escapeHtml(page.title)}</h1>`,
    `<dl class="facts">\n${facts}\n</dl>`,
    `<nav aria-label="Contents"><ol>\n${contents}\n</ol></nav>`,
    '</header>',
    ...page.sections.map(renderSection),
    '<footer>Made by mallsim. Charts are drawn with Vega; the page needs no network connection.</footer>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
