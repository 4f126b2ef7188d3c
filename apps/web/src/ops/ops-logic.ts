/** Pure helpers of the operator dashboard: date ranges, chart data shaping, colours, labels. No DOM. */

export const DAY_MS = 86_400_000;

/** YYYY-MM-DD plus `days` (calendar arithmetic on the date itself, so time zones never shift it). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function isDay(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
}

/** The default window of a dashboard page: the last `span` days the analytics have, clipped to the first day. */
export function defaultRange(firstDay: string | null, lastDay: string | null, span = 30): { from: string; to: string } | null {
  if (!firstDay || !lastDay) return null;
  const from = addDays(lastDay, -(span - 1));
  return { from: from < firstDay ? firstDay : from, to: lastDay };
}

/** Colour-blind-friendly categorical palette (Okabe–Ito, with the brand red first). */
export const PALETTE = ['#ff2442', '#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#6b6b6b', '#f0e442', '#332288'];

export function colorAt(i: number): string {
  return PALETTE[i % PALETTE.length] ?? '#888';
}

/**
 * A background for a heat-table cell holding a share in [0, 1]: transparent at 0, the accent at the column's
 * maximum (so late columns with small shares still show their differences). Null cells get no colour.
 */
export function heatColor(share: number | null, max: number): string {
  if (share === null || !(max > 0)) return 'transparent';
  const a = Math.max(0, Math.min(1, share / max));
  return `rgb(255 36 66 / ${(0.08 + 0.72 * a).toFixed(3)})`;
}

/** Text colour that stays readable on `heatColor`. */
export function heatText(share: number | null, max: number): string | undefined {
  if (share === null || !(max > 0)) return undefined;
  return share / max > 0.6 ? '#fff' : undefined;
}

export function percent(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return `${(v * 100).toFixed(digits)}%`;
}

/** A signed change: +12.5% / −54.0%. */
export function signedPercent(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const s = (Math.abs(v) * 100).toFixed(digits);
  return v > 0 ? `+${s}%` : v < 0 ? `−${s}%` : `${s}%`;
}

/** Unix seconds at UTC midnight of each day: uPlot's time axis. */
export function dayTimestamps(days: readonly string[]): number[] {
  return days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
}

/** Peak value of a series and the day it happened; the trough after the peak, and the drop from one to the other. */
export function peakAndDrop(days: readonly string[], values: readonly number[]): { peakDay: string; peak: number; lowDay: string; low: number; drop: number | null } | null {
  if (values.length === 0) return null;
  let p = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? 0) > (values[p] ?? 0)) p = i;
  let l = p;
  for (let i = p + 1; i < values.length; i++) if ((values[i] ?? 0) < (values[l] ?? 0)) l = i;
  const peak = values[p] ?? 0;
  const low = values[l] ?? 0;
  return { peakDay: days[p] ?? '', peak, lowDay: days[l] ?? '', low, drop: peak > 0 ? (low - peak) / peak : null };
}

/** The keys of a set of mixes in a stable, readable order: `preferred` first (in its order), then the rest by total share. */
export function mixKeys(mixes: readonly Readonly<Record<string, number>>[], preferred: readonly string[] = []): string[] {
  const total = new Map<string, number>();
  for (const m of mixes) for (const [k, v] of Object.entries(m)) total.set(k, (total.get(k) ?? 0) + v);
  const known = preferred.filter((k) => total.has(k));
  const rest = [...total.keys()].filter((k) => !preferred.includes(k)).sort((a, b) => (total.get(b) ?? 0) - (total.get(a) ?? 0) || a.localeCompare(b));
  return [...known, ...rest];
}

/** Turns counts into shares of their sum (all zeros when the sum is zero). */
export function shares(counts: readonly number[]): number[] {
  const sum = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (sum > 0 ? c / sum : 0));
}

/** A file name for an export: `notewave-actives-source-2025-01-01_2025-01-30.csv`. */
export function exportName(report: string, parts: readonly (string | undefined)[], ext: 'csv' | 'json'): string {
  const tail = parts.filter((p): p is string => !!p).map((p) => p.replace(/[^\w.-]+/g, '-')).join('_');
  return `notewave-${report}${tail ? `-${tail}` : ''}.${ext}`;
}

/** Axis ticks at a round step (1, 2 or 5 × 10^k) from 0 to the first tick at or above `max`: 0.37 → 0, 0.1, …, 0.4. */
export function niceTicks(max: number, target = 4): { top: number; ticks: number[] } {
  if (!(max > 0) || !Number.isFinite(max)) return { top: 1, ticks: [0, 0.25, 0.5, 0.75, 1] };
  const raw = max / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * p >= raw) ?? 10) * p;
  const n = Math.ceil(max / step - 1e-9);
  const ticks = Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { top: ticks[n] ?? max, ticks };
}

/** RFC 4180 CSV: a header and rows; cells with commas, quotes or line breaks are quoted; null is empty. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  const cell = (v: string | number | boolean | null): string => {
    if (v === null) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
