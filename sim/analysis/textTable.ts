/**
 * A plain-text table: the first column left-aligned, the others right-aligned, a rule under the header. Cells are
 * already formatted.
 */
export function formatTextTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, k) => Math.max(header.length, ...rows.map((row) => row[k].length)));
  const line = (cells: readonly string[]): string => cells.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
