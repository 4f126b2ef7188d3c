/** A printed table: numbers are right-aligned, text left-aligned. Cells are preformatted strings or numbers. */
export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

const NUMERIC = /^[-+]?[\d,.]+(\s?[a-zA-Z%×/]+)?$|^–$/;

export function formatTable(t: Table): string {
  const cells = [t.columns, ...t.rows.map((r) => r.map((c) => String(c)))];
  const widths = t.columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[], header: boolean) =>
    r
      .map((c, i) => {
        const w = widths[i]!;
        return !header && i > 0 && NUMERIC.test(c) ? c.padStart(w) : c.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [t.title, line(cells[0]!, true), rule, ...cells.slice(1).map((r) => line(r, false))].join('\n');
}
