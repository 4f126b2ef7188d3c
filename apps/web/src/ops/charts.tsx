import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'preact/hooks';
import { colorAt, heatColor, heatText, niceTicks } from './ops-logic.ts';

export interface LineSeries {
  label: string;
  values: (number | null)[];
  /** Defaults to the palette colour of the series' position; set it to keep a group's colour across charts. */
  color?: string;
}

/**
 * A line chart drawn by uPlot on a canvas: `x` is unix seconds (a time axis) or plain numbers (days after signup).
 * The chart follows its container's width. `title` is the accessible name; the numbers are in a table beside it.
 */
export function LineChart({ x, series, time, yFormat, title, height = 280, zeroLine = false }: {
  x: number[];
  series: LineSeries[];
  time: boolean;
  yFormat: (v: number) => string;
  title: string;
  height?: number;
  zeroLine?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height,
      scales: { x: { time } },
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      axes: [
        {
          stroke: 'currentColor', grid: { stroke: 'rgb(128 128 128 / 18%)' }, ticks: { stroke: 'rgb(128 128 128 / 30%)' },
          // Periods after signup are whole numbers: no 0.2-day ticks.
          ...(time ? {} : { incrs: [1, 2, 5, 10, 20, 50], values: (_u: uPlot, splits: number[]) => splits.map((v) => String(v)) }),
        },
        {
          stroke: 'currentColor', size: 64, grid: { stroke: 'rgb(128 128 128 / 18%)' }, ticks: { stroke: 'rgb(128 128 128 / 30%)' },
          values: (_u, splits) => splits.map((v) => yFormat(v)),
        },
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: s.color ?? colorAt(i),
          width: 2,
          points: { show: x.length <= 45, size: 4 },
          value: (_u: uPlot, v: number | null) => (v === null ? '–' : yFormat(v)),
        })),
      ],
      ...(zeroLine ? { hooks: { drawAxes: [(u: uPlot) => drawZero(u)] } } : {}),
    };
    const plot = new uPlot(opts, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [x, series, time, height, zeroLine]);
  return <div class="chart line-chart" ref={host} role="img" aria-label={title} data-series={series.length} />;
}

function drawZero(u: uPlot): void {
  const y = u.valToPos(0, 'y', true);
  if (!Number.isFinite(y) || y < u.bbox.top || y > u.bbox.top + u.bbox.height) return;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = 'rgb(128 128 128 / 70%)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(u.bbox.left, y);
  ctx.lineTo(u.bbox.left + u.bbox.width, y);
  ctx.stroke();
  ctx.restore();
}

export interface BarGroup {
  label: string;
  /** One value per category, in the chart's category order. */
  values: number[];
}

/**
 * Grouped bars in SVG: one cluster per category, one bar per group (e.g. age bands × signup sources), so two
 * audiences can be compared side by side. Values are shares; the scale is the largest one.
 */
export function GroupedBars({ categories, groups, format, title }: {
  categories: string[];
  groups: BarGroup[];
  format: (v: number) => string;
  title: string;
}) {
  const W = 720;
  const H = categories.length > 6 ? 290 : 250;
  const pad = { l: 44, r: 8, t: 12, b: categories.length > 6 ? 84 : 40 };
  const max = Math.max(1e-9, ...groups.flatMap((g) => g.values));
  const { top, ticks } = niceTicks(max);
  const rotate = categories.length > 6;
  const cw = (W - pad.l - pad.r) / Math.max(1, categories.length);
  const bw = Math.max(2, Math.min(28, (cw * 0.8) / Math.max(1, groups.length)));
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / top);
  return (
    <figure class="chart bars">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.l} x2={W - pad.r} y1={y(t)} y2={y(t)} class="grid" />
            <text x={pad.l - 6} y={y(t) + 4} text-anchor="end" class="tick">{format(t)}</text>
          </g>
        ))}
        {categories.map((c, ci) => {
          const x0 = pad.l + ci * cw + (cw - bw * groups.length) / 2;
          return (
            <g key={c}>
              {groups.map((g, gi) => {
                const v = g.values[ci] ?? 0;
                return (
                  <rect key={g.label} class="bar" x={x0 + gi * bw} y={y(v)} width={Math.max(1, bw - 2)} height={Math.max(0, y(0) - y(v))} fill={colorAt(gi)}>
                    <title>{`${g.label} · ${c}: ${format(v)}`}</title>
                  </rect>
                );
              })}
              {rotate ? (
                <text transform={`translate(${pad.l + ci * cw + cw / 2} ${H - pad.b + 12}) rotate(-35)`} text-anchor="end" class="tick cat">{c}</text>
              ) : (
                <text x={pad.l + ci * cw + cw / 2} y={H - pad.b + 16} text-anchor="middle" class="tick cat">{c}</text>
              )}
            </g>
          );
        })}
      </svg>
      <Legend labels={groups.map((g) => g.label)} />
    </figure>
  );
}

export function Legend({ labels }: { labels: string[] }) {
  return (
    <ul class="legend">
      {labels.map((l, i) => (
        <li key={l}><span class="swatch" style={{ background: colorAt(i) }} aria-hidden="true" />{l}</li>
      ))}
    </ul>
  );
}

export interface HeatRow {
  label: string;
  sub?: string;
  size: number;
  cells: (number | null)[];
}

/** A cohort heat table: rows are cohorts, columns days (or weeks) after signup, each cell shaded by its share. */
export function HeatTable({ columns, rows, format, title, sizeLabel, cohortLabel }: {
  columns: string[];
  rows: HeatRow[];
  format: (v: number | null) => string;
  title: string;
  sizeLabel: string;
  cohortLabel: string;
}) {
  const max = columns.map((_, c) => Math.max(0, ...rows.map((r) => r.cells[c] ?? 0)));
  return (
    <div class="heat-wrap" tabIndex={0} role="region" aria-label={title}>
      <table class="heat">
        <caption class="visually-hidden">{title}</caption>
        <thead>
          <tr><th scope="col">{cohortLabel}</th><th scope="col">{sizeLabel}</th>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.label}|${r.sub ?? ''}`}>
              <th scope="row">{r.label}{r.sub && <span class="muted"> · {r.sub}</span>}</th>
              <td class="num">{r.size}</td>
              {r.cells.map((v, c) => (
                <td key={c} class="num heat-cell" style={{ background: heatColor(v, max[c] ?? 0), color: heatText(v, max[c] ?? 0) }}>{format(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface FunnelBarsRow {
  label: string;
  stages: { label: string; count: number; share: number | null }[];
}

/**
 * A funnel as horizontal bars: each stage's width is its share of the impressions (linear, with a hairline minimum so
 * rare actions stay visible), labelled with the count and the share.
 */
export function FunnelBars({ row, format, count, title }: { row: FunnelBarsRow; format: (v: number | null) => string; count: (n: number) => string; title: string }) {
  return (
    <figure class="chart funnel" aria-label={title} role="group">
      <figcaption>{row.label}</figcaption>
      {row.stages.map((s, i) => (
        <div class="funnel-row" key={s.label}>
          <span class="funnel-stage">{s.label}</span>
          <span class="funnel-track">
            <span class="funnel-bar" style={{ width: `${Math.max(0.4, (s.share ?? 0) * 100)}%`, background: colorAt(i === 0 ? 1 : i === 1 ? 5 : i === 2 ? 3 : 0) }} />
          </span>
          <span class="funnel-num">{count(s.count)} <span class="muted">{format(s.share)}</span></span>
        </div>
      ))}
    </figure>
  );
}

export interface ForestRow {
  label: string;
  value: number;
  low: number;
  high: number;
  significant: boolean;
}

/**
 * A forest plot in SVG: each row's estimate with its interval around a zero line, significant rows in the accent
 * colour, so which variant moves which metric, and how surely, reads at a glance.
 */
export function ForestPlot({ rows, format, title }: { rows: ForestRow[]; format: (v: number) => string; title: string }) {
  const W = 720;
  const rowH = 26;
  const pad = { l: 250, r: 16, t: 8, b: 28 };
  const H = pad.t + pad.b + rows.length * rowH;
  const ext = Math.max(0.01, ...rows.flatMap((r) => [Math.abs(r.low), Math.abs(r.high)]).filter(Number.isFinite));
  const { top, ticks } = niceTicks(ext, 2);
  const x = (v: number) => pad.l + ((Math.max(-top, Math.min(top, v)) + top) / (2 * top)) * (W - pad.l - pad.r);
  const all = [...ticks.slice(1).map((t) => -t).reverse(), ...ticks];
  return (
    <figure class="chart forest">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {all.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={pad.t} y2={H - pad.b} class={t === 0 ? 'zero' : 'grid'} />
            <text x={x(t)} y={H - pad.b + 16} text-anchor="middle" class="tick">{format(t)}</text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = pad.t + i * rowH + rowH / 2;
          const color = r.significant ? colorAt(0) : '#888';
          return (
            <g key={r.label} class={r.significant ? 'sig' : undefined}>
              <text x={pad.l - 10} y={y + 4} text-anchor="end" class="tick">{r.label}</text>
              <line x1={x(r.low)} x2={x(r.high)} y1={y} y2={y} stroke={color} stroke-width="3" stroke-linecap="round" />
              <circle cx={x(r.value)} cy={y} r="5" fill={color}><title>{`${r.label}: ${format(r.value)} (${format(r.low)} … ${format(r.high)})`}</title></circle>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
