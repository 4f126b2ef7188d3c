import type { ActivesReport, ContentReport, FunnelReport, RetentionReport } from '@notewave/api-client';
import { useMemo, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { useAsync, type AsyncState } from '../lib/use-async.ts';
import { ErrorState, Loading } from '../components/States.tsx';
import { FunnelBars, GroupedBars, HeatTable, LineChart, type BarGroup, type LineSeries } from './charts.tsx';
import { ExportButtons } from './Export.tsx';
import type { ViewProps } from './OpsPage.tsx';
import { colorAt, dayTimestamps, isDay, mixKeys, peakAndDrop, percent, shares, signedPercent } from './ops-logic.ts';

const AGE_ORDER = ['under-18', '18-24', '25-30', '31-35', '36-44', '45+', 'unknown'];
const GENDER_ORDER = ['female', 'male', 'other', 'unknown'];
const INCOME_ORDER = ['low', 'mid', 'high', 'unknown'];

/** A loading spinner, an error with a retry, or what `children` draws from the value. */
export function Async<T>({ state, reload, children }: { state: AsyncState<T>; reload: () => void; children: (v: T) => preact.ComponentChildren }) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  return <>{children(state.value)}</>;
}

/** A titled dashboard panel with its actions (downloads) in the header. */
export function Card({ title, children, actions }: { title: string; children: preact.ComponentChildren; actions?: preact.ComponentChildren }) {
  return (
    <article class="ops-card">
      <header class="ops-card-head"><h2>{title}</h2>{actions}</header>
      {children}
    </article>
  );
}

// ---------------------------------------------------------------------------------------------------- actives

const MIN_SINCE_MEAN = 5;

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export function ActivesView({ range, by, o, controls }: ViewProps) {
  const [metric, setMetric] = useState<'dau' | 'wau' | 'mau'>('dau');
  const [since, setSince] = useState('');
  const query = { from: range.from, to: range.to, by, metric, ...(since ? { since } : {}) };
  const [state, reload] = useAsync(() => api.analytics.actives(query), [range.from, range.to, by, metric, since]);
  return (
    <>
      {controls(
        <>
          <label>{o.t('metric')}
            <select name="metric" value={metric} onChange={(e) => setMetric(e.currentTarget.value as 'dau' | 'wau' | 'mau')}>
              <option value="dau">{o.t('dau')}</option><option value="wau">{o.t('wau')}</option><option value="mau">{o.t('mau')}</option>
            </select>
          </label>
          <label title={o.t('changeSinceHint')}>{o.t('since')}
            <input type="date" name="since" value={since} min={range.from} max={range.to}
              onChange={(e) => setSince(isDay(e.currentTarget.value) ? e.currentTarget.value : '')} />
          </label>
        </>,
      )}
      <Async state={state} reload={reload}>{(r) => <ActivesCharts r={r} query={query} o={o} />}</Async>
    </>
  );
}

function ActivesCharts({ r, query, o }: { r: ActivesReport; query: Record<string, string>; o: ViewProps['o'] }) {
  const x = useMemo(() => dayTimestamps(r.days), [r]);
  const series = useMemo<LineSeries[]>(() => r.series.map((s) => ({ label: o.value(r.by, s.key), values: s.values })), [r, o.lang]);
  // Relative change of a handful of users is noise: the since-chart leaves out groups averaging under MIN_SINCE_MEAN.
  const sinceSeries = useMemo<LineSeries[] | null>(
    () => (r.since
      ? r.series.flatMap((s, i) => (mean(s.values) >= MIN_SINCE_MEAN ? [{ label: o.value(r.by, s.key), values: s.sinceChange ?? [], color: colorAt(i) }] : []))
      : null), [r, o.lang]);
  const left = r.series.length - (sinceSeries?.length ?? 0);
  const title = o.t('activesChart', { metric: o.t(r.metric as 'dau'), by: o.dim(r.by) });
  const exp = <ExportButtons report="actives" query={query} data={r} what={title} o={o} />;
  const last = r.days.length - 1;
  return (
    <>
      <Card title={title} actions={exp}>
        {r.days.length === 0 ? <p class="muted">{o.t('noData')}</p> : <LineChart x={x} series={series} time yFormat={(v) => o.num(Math.round(v))} title={title} />}
        <div class="table-wrap">
          <table class="ops-table" data-testid="actives-table">
            <thead>
              <tr>
                <th scope="col">{o.t('group')}</th><th scope="col">{o.t('lastDay')} ({r.days[last] ?? ''})</th><th scope="col">{o.t('dod')}</th>
                <th scope="col">{o.t('wow')}</th><th scope="col">{o.t('peak')}</th><th scope="col">{o.t('low')}</th><th scope="col">{o.t('dropFromPeak')}</th>
                {r.since && <th scope="col">{o.t('sinceCol', { day: r.since })}</th>}
              </tr>
            </thead>
            <tbody>
              {r.series.map((s) => {
                const pd = peakAndDrop(r.days, s.values);
                return (
                  <tr key={s.key}>
                    <th scope="row">{o.value(r.by, s.key)}</th>
                    <td class="num">{o.num(s.values[last] ?? 0)}</td>
                    <td class="num">{signedPercent(s.dayOverDay[last])}</td>
                    <td class="num">{signedPercent(s.weekOverWeek[last])}</td>
                    <td class="num">{pd ? `${o.num(pd.peak)} · ${pd.peakDay}` : '–'}</td>
                    <td class="num">{pd ? `${o.num(pd.low)} · ${pd.lowDay}` : '–'}</td>
                    <td class="num strong">{signedPercent(pd?.drop)}</td>
                    {r.since && <td class="num strong">{signedPercent(s.sinceChange?.[last])}</td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>
      {sinceSeries && r.since && (
        <Card title={o.t('sinceChart', { day: r.since })} actions={exp}>
          <LineChart x={x} series={sinceSeries} time yFormat={(v) => signedPercent(v, 0)} title={o.t('sinceChart', { day: r.since })} zeroLine />
          {left > 0 && <p class="muted small">{o.t('smallGroupsLeft', { n: left, min: MIN_SINCE_MEAN })}</p>}
        </Card>
      )}
    </>
  );
}

// -------------------------------------------------------------------------------------------------- retention

export function RetentionView({ range, by, o, controls }: ViewProps) {
  // Weekly cohorts by default: daily cohorts split by a dimension are too small to read on a community of thousands.
  const [period, setPeriod] = useState<'day' | 'week'>('week');
  const [horizon, setHorizon] = useState(4);
  const query = { from: range.from, to: range.to, by, period, horizon };
  const [state, reload] = useAsync(() => api.analytics.retention(query), [range.from, range.to, by, period, horizon]);
  return (
    <>
      {controls(
        <>
          <label>{o.t('period')}
            <select name="period" value={period} onChange={(e) => {
              const p = e.currentTarget.value as 'day' | 'week';
              setPeriod(p);
              setHorizon(p === 'day' ? 14 : 4);
            }}>
              <option value="day">{o.t('day')}</option><option value="week">{o.t('week')}</option>
            </select>
          </label>
          <label>{o.t('horizon')}
            <input type="number" name="horizon" min={1} max={90} value={horizon}
              onChange={(e) => {
                const n = Number(e.currentTarget.value);
                if (Number.isInteger(n) && n >= 1 && n <= 90) setHorizon(n);
              }} />
          </label>
        </>,
      )}
      <Async state={state} reload={reload}>{(r) => <RetentionCharts r={r} query={query} o={o} />}</Async>
    </>
  );
}

function RetentionCharts({ r, query, o }: { r: RetentionReport; query: Record<string, string | number>; o: ViewProps['o'] }) {
  const n = r.horizon + 1;
  const x = useMemo(() => Array.from({ length: n }, (_, i) => i), [n]);
  const col = (i: number) => (r.period === 'day' ? o.t('dayN', { n: i }) : o.t('weekN', { n: i }));
  const series = useMemo<LineSeries[]>(() => r.curves.map((c) => ({ label: o.value(r.by, c.key), values: c.retained })), [r, o.lang]);
  const title = o.t(r.period === 'day' ? 'curves' : 'curvesWeek');
  const exp = <ExportButtons report="retention" query={query} data={r} what={title} o={o} />;
  return (
    <>
      <Card title={title} actions={exp}>
        {r.curves.length === 0 ? <p class="muted">{o.t('noData')}</p> : <LineChart x={x} series={series} time={false} yFormat={(v) => percent(v, 0)} title={title} />}
      </Card>
      <Card title={o.t('cohortTable')} actions={<ExportButtons report="retention" query={query} data={r} what={o.t('cohortTable')} o={o} />}>
        <HeatTable
          title={o.t('cohortTable')}
          columns={x.map(col)}
          rows={r.rows.map((row) => ({ label: row.cohort, ...(r.by === 'all' ? {} : { sub: o.value(r.by, row.key) }), size: row.size, cells: row.retained }))}
          format={(v) => percent(v, 0)}
          sizeLabel={o.t('size')}
          cohortLabel={o.t('cohort')}
        />
      </Card>
    </>
  );
}

// --------------------------------------------------------------------------------------------------- audience

export function AudienceView({ range, by, o, controls }: ViewProps) {
  const query = { from: range.from, to: range.to, by };
  const [state, reload] = useAsync(() => api.analytics.audience(query), [range.from, range.to, by]);
  return (
    <>
      {controls()}
      <Async state={state} reload={reload}>
        {(r) => {
          const groups = r.groups.filter((g) => g.users > 0);
          const chart = (dim: 'ageBand' | 'gender' | 'incomeBand', order: string[]) => {
            const keys = mixKeys(groups.map((g) => g.mix[dim]), order);
            const bars: BarGroup[] = groups.map((g) => ({ label: `${o.value(r.by, g.key)} (${o.num(g.users)})`, values: keys.map((k) => g.mix[dim][k] ?? 0) }));
            const title = o.t(dim);
            return (
              <Card key={dim} title={title} actions={<ExportButtons report="audience" query={query} data={r} what={title} o={o} />}>
                <GroupedBars categories={keys.map((k) => o.value(dim, k))} groups={bars} format={(v) => percent(v, 0)} title={title} />
              </Card>
            );
          };
          return groups.length === 0 ? <p class="state empty">{o.t('noData')}</p> : (
            <div class="ops-grid">
              {chart('ageBand', AGE_ORDER)}
              {chart('gender', GENDER_ORDER)}
              {chart('incomeBand', INCOME_ORDER)}
            </div>
          );
        }}
      </Async>
    </>
  );
}

// ---------------------------------------------------------------------------------------------------- content

export function ContentView({ range, by, o, controls }: ViewProps) {
  const query = { from: range.from, to: range.to, by, top: 10 };
  const [state, reload] = useAsync(() => api.analytics.content(query), [range.from, range.to, by]);
  return (
    <>
      {controls()}
      <Async state={state} reload={reload}>{(r) => <ContentCharts r={r} query={query} o={o} />}</Async>
    </>
  );
}

function ContentCharts({ r, query, o }: { r: ContentReport; query: Record<string, string | number>; o: ViewProps['o'] }) {
  const groups = r.groups.filter((g) => g.consumedTotal > 0 || g.createdTotal > 0);
  if (groups.length === 0) return <p class="state empty">{o.t('noData')}</p>;
  const mixChart = (measure: 'consumed' | 'created') => {
    const keys = mixKeys(groups.map((g) => g[measure]));
    const title = o.t(measure);
    return (
      <Card key={measure} title={title} actions={<ExportButtons report="content" query={query} data={r} what={title} o={o} />}>
        <GroupedBars categories={keys.map((k) => o.value('category', k))} groups={groups.map((g) => ({ label: o.value(r.by, g.key), values: keys.map((k) => g[measure][k] ?? 0) }))}
          format={(v) => percent(v, 0)} title={title} />
      </Card>
    );
  };
  const videoTitle = o.t('videoShare');
  return (
    <div class="ops-grid">
      {mixChart('consumed')}
      {mixChart('created')}
      <Card title={videoTitle} actions={<ExportButtons report="content" query={query} data={r} what={videoTitle} o={o} />}>
        <GroupedBars categories={[o.t('videoShare')]} groups={groups.map((g) => ({ label: o.value(r.by, g.key), values: [g.videoShare ?? 0] }))}
          format={(v) => percent(v, 0)} title={videoTitle} />
      </Card>
      <Card title={`${o.t('topTags')} · ${o.t('risingTags')}`}>
        <div class="tag-columns">
          {groups.map((g) => (
            <div key={g.key} class="tag-col">
              <h3>{o.value(r.by, g.key)}</h3>
              <p class="muted small">{o.t('topTags')}</p>
              <ol class="tag-list">{g.topTags.map((t) => <li key={t.tag}>#{t.tag} <span class="muted">{o.num(t.count)}</span></li>)}</ol>
              <p class="muted small">{o.t('risingTags')}</p>
              <ol class="tag-list">{g.risingTags.map((t) => <li key={t.tag}>#{t.tag} <span class="muted">{o.t('growth', { g: t.growth.toFixed(1) })}</span></li>)}</ol>
            </div>
          ))}
        </div>
      </Card>
    </div>
  );
}

// ----------------------------------------------------------------------------------------------------- funnel

export function FunnelView({ range, by, o, controls }: ViewProps) {
  const query = { from: range.from, to: range.to, by };
  const [state, reload] = useAsync(() => api.analytics.funnel(query), [range.from, range.to, by]);
  return (
    <>
      {controls()}
      <Async state={state} reload={reload}>{(r) => <FunnelCharts r={r} query={query} o={o} />}</Async>
    </>
  );
}

function FunnelCharts({ r, query, o }: { r: FunnelReport; query: Record<string, string>; o: ViewProps['o'] }) {
  const groups = r.groups.filter((g) => g.rows.some((row) => (row.counts[0] ?? 0) > 0) || g.sessions > 0);
  if (groups.length === 0) return <p class="state empty">{o.t('noData')}</p>;
  const title = o.t('funnelTitle');
  const completionTitle = o.t('completion');
  const bins = (groups[0]?.completion.length ?? 10);
  return (
    <>
      <Card title={title} actions={<ExportButtons report="funnel" query={query} data={r} what={title} o={o} />}>
        {groups.map((g) => (
          <section key={g.key} class="funnel-group">
            {r.by !== 'all' && <h3>{o.value(r.by, g.key)}</h3>}
            <p class="muted small">
              {o.t('sessions')}: {o.num(g.sessions)} · {o.t('searchFirst')}: <strong data-testid="search-first">{percent(g.searchFirstShare)}</strong>
            </p>
            <div class="funnel-grid">
              {g.rows.filter((row) => (row.counts[0] ?? 0) > 0).map((row) => (
                <FunnelBars key={row.key} title={title} count={o.num} format={(v) => percent(v, v !== null && v < 0.01 ? 2 : 1)}
                  row={{
                    label: `${o.value('surface', row.surface)} · ${o.value('strategy', row.strategy)}`,
                    stages: r.stages.map((s, i) => ({ label: o.value('stage', s), count: row.counts[i] ?? 0, share: row.perImpression[i] ?? null })),
                  }} />
              ))}
            </div>
          </section>
        ))}
      </Card>
      <Card title={completionTitle} actions={<ExportButtons report="funnel" query={query} data={r} what={completionTitle} o={o} />}>
        <GroupedBars
          categories={Array.from({ length: bins }, (_, i) => `${i * 10}–${(i + 1) * 10}%`)}
          groups={groups.map((g) => ({ label: o.value(r.by, g.key), values: shares(g.completion) }))}
          format={(v) => percent(v, 0)}
          title={completionTitle}
        />
      </Card>
    </>
  );
}
