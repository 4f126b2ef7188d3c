/**
 * A small SVG line-chart writer (no chart dependency): one or more series over shared x labels, linear y axis from
 * zero, a legend, and an optional vertical marker (e.g. the day the outside option returns). Output is deterministic.
 */
export interface ChartSeries {
  name: string;
  values: readonly (number | null)[];
  /** Dashed lines tell apart series of the same colour (e.g. one strategy's segments). */
  dashed?: boolean;
  color?: string;
}

export interface LineChart {
  title: string;
  xLabels: readonly string[];
  series: readonly ChartSeries[];
  yLabel?: string;
  /** y values shown as percentages. */
  percent?: boolean;
  marker?: { index: number; label: string };
  width?: number;
  height?: number;
}

const PALETTE = ['#d62b4b', '#2b6cd6', '#1f9d55', '#b7791f', '#805ad5', '#319795', '#4a5568', '#dd6b20'];
const M = { left: 56, right: 16, top: 36, bottom: 44 };

export function renderLineChart(c: LineChart): string {
  const width = c.width ?? 760;
  const legendRows = Math.ceil(c.series.length / 3);
  const height = (c.height ?? 360) + legendRows * 18;
  const plotW = width - M.left - M.right;
  const plotH = (c.height ?? 360) - M.top - M.bottom;
  const n = c.xLabels.length;
  const all = c.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const maxY = niceMax(all.length === 0 ? 1 : Math.max(...all, c.percent ? 0.01 : 1));
  const x = (i: number) => M.left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => M.top + plotH - (v / maxY) * plotH;
  const fmt = (v: number) => (c.percent ? `${Math.round(v * 100)}%` : formatCount(v));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${M.left}" y="20" font-size="14" font-weight="bold">${esc(c.title)}</text>`);
  for (let k = 0; k <= 4; k++) {
    const v = (maxY * k) / 4;
    const yy = fix(y(v));
    out.push(`<line x1="${M.left}" y1="${yy}" x2="${M.left + plotW}" y2="${yy}" stroke="#e2e8f0"/>`);
    out.push(`<text x="${M.left - 6}" y="${fix(y(v) + 4)}" text-anchor="end" fill="#4a5568">${esc(fmt(v))}</text>`);
  }
  const step = Math.max(1, Math.ceil(n / 10));
  for (let i = 0; i < n; i += step) {
    out.push(`<text x="${fix(x(i))}" y="${M.top + plotH + 16}" text-anchor="middle" fill="#4a5568">${esc(shortLabel(c.xLabels[i]!))}</text>`);
  }
  out.push(`<line x1="${M.left}" y1="${M.top + plotH}" x2="${M.left + plotW}" y2="${M.top + plotH}" stroke="#718096"/>`);
  if (c.yLabel) out.push(`<text x="14" y="${fix(M.top + plotH / 2)}" transform="rotate(-90 14 ${fix(M.top + plotH / 2)})" text-anchor="middle" fill="#4a5568">${esc(c.yLabel)}</text>`);
  if (c.marker && c.marker.index >= 0 && c.marker.index < n) {
    const mx = fix(x(c.marker.index));
    out.push(`<line x1="${mx}" y1="${M.top}" x2="${mx}" y2="${M.top + plotH}" stroke="#a0aec0" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${fix(x(c.marker.index) + 4)}" y="${M.top + 10}" fill="#4a5568">${esc(c.marker.label)}</text>`);
  }
  c.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length]!;
    const parts: string[] = [];
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      parts.push(`${pen ? 'L' : 'M'}${fix(x(i))} ${fix(y(v))}`);
      pen = true;
    });
    if (parts.length > 0) out.push(`<path d="${parts.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    const lx = M.left + (k % 3) * Math.floor(plotW / 3);
    const ly = M.top + plotH + 34 + Math.floor(k / 3) * 18;
    out.push(`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 22}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${lx + 28}" y="${ly}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above x. */
export function niceMax(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x - 1e-12) return m * p;
  return 10 * p;
}

function formatCount(v: number): string {
  if (v >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (v >= 1e3) return `${+(v / 1e3).toFixed(1)}k`;
  return String(+v.toFixed(2));
}

/** `2025-01-19` → `01-19`. */
function shortLabel(s: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s.slice(5) : s;
}

function fix(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
