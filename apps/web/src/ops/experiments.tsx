import type { ExperimentInput, ExperimentReadout, ExperimentView } from '@notewave/api-client';
import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { errorText } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { toast } from '../lib/toast.ts';
import { useAsync } from '../lib/use-async.ts';
import { ForestPlot } from './charts.tsx';
import { download } from './Export.tsx';
import { Async, Card } from './views.tsx';
import type { OpsI18n } from './ops-i18n.ts';
import { percent, signedPercent, toCsv } from './ops-logic.ts';

export const EXPERIMENT_METRICS = [
  'ctr', 'complete_rate', 'saves_per_impression', 'comments_per_impression', 'shares_per_impression', 'follows_per_impression',
  'session_length', 'sessions_per_user', 'd1_retention', 'd7_retention', 'search_next_feed',
] as const;
type Metric = (typeof EXPERIMENT_METRICS)[number];

/** Metrics that are shares (printed as %) rather than counts or seconds. */
const SHARE_METRICS = new Set<string>(['ctr', 'complete_rate', 'saves_per_impression', 'comments_per_impression', 'shares_per_impression', 'follows_per_impression', 'd1_retention', 'd7_retention', 'search_next_feed']);

export function formatMetric(metric: string, v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (SHARE_METRICS.has(metric)) return percent(v, v !== 0 && Math.abs(v) < 0.01 ? 2 : 1);
  if (metric === 'session_length') return `${v.toFixed(1)} min`;
  return v.toFixed(2);
}

/** Experiments: the list with start / pause / stop, a form for a new one, and the readout of the chosen one. */
export function ExperimentsView({ o }: { o: OpsI18n }) {
  const i = useI18n();
  const [list, reload, setList] = useAsync(() => api.experiments.list(), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(e: ExperimentView, action: 'start' | 'pause' | 'stop') {
    setBusy(true);
    try {
      const updated = await api.experiments[action](e.name);
      if (list.status === 'ok') setList({ items: list.value.items.map((x) => (x.name === updated.name ? updated : x)) });
      toast(o.t('expStatusNow', { name: e.name, status: o.value('expStatus', updated.status) }));
    } catch (err) {
      toast(errorText(err, i));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Card title={o.t('experiments')}>
        <Async state={list} reload={reload}>{(value) => (value.items.length === 0 ? <p class="muted">{o.t('noExperiments')}</p> : (
          <div class="table-wrap">
            <table class="ops-table" data-testid="experiments-table">
              <thead>
                <tr>
                  <th scope="col">{o.t('expName')}</th><th scope="col">{o.t('surfaceCol')}</th><th scope="col">{o.t('expStatusCol')}</th>
                  <th scope="col">{o.t('variants')}</th><th scope="col">{o.t('primaryMetric')}</th><th scope="col">{o.t('plannedUnits')}</th><th scope="col" />
                </tr>
              </thead>
              <tbody>
                {value.items.map((e) => (
                  <tr key={e.id} data-experiment={e.name} aria-selected={chosen === e.name}>
                    <th scope="row"><button type="button" class="link-btn" onClick={() => setChosen(e.name)}>{e.name}</button></th>
                    <td>{o.value('surface', e.surface)}</td>
                    <td><span class={`status status-${e.status}`}>{o.value('expStatus', e.status)}</span></td>
                    <td>{e.variants.map((v) => `${v.name} (${o.value('strategy', v.strategy)}, ${v.weight})`).join(' · ')}</td>
                    <td>{o.value('metric', e.primaryMetric)}</td>
                    <td class="num">{e.plan ? `${o.num(e.plan.sampleSize)}${e.plan.days !== null ? ` · ${o.t('daysN', { n: e.plan.days })}` : ''}` : '–'}</td>
                    <td><div class="row nowrap">
                      {(e.status === 'draft' || e.status === 'paused') && <button type="button" class="ghost-btn small" disabled={busy} onClick={() => void act(e, 'start')}>{o.t('start')}</button>}
                      {e.status === 'running' && <button type="button" class="ghost-btn small" disabled={busy} onClick={() => void act(e, 'pause')}>{o.t('pause')}</button>}
                      {e.status !== 'stopped' && e.status !== 'draft' && <button type="button" class="ghost-btn small danger" disabled={busy} onClick={() => void act(e, 'stop')}>{o.t('stop')}</button>}
                      {e.status !== 'draft' && <button type="button" class="ghost-btn small" onClick={() => setChosen(e.name)}>{o.t('readout')}</button>}
                    </div></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}</Async>
      </Card>
      {chosen && <Readout key={chosen} name={chosen} o={o} />}
      <NewExperiment o={o} onCreated={(e) => {
        if (list.status === 'ok') setList({ items: [e, ...list.value.items] });
        else reload();
      }} />
    </>
  );
}

function Readout({ name, o }: { name: string; o: OpsI18n }) {
  const [state, reload] = useAsync(() => api.experiments.readout(name), [name]);
  return <Async state={state} reload={reload}>{(r) => <ReadoutCard name={name} r={r} o={o} reload={reload} />}</Async>;
}

function ReadoutCard({ name, r, o, reload }: { name: string; r: ExperimentReadout; o: OpsI18n; reload: () => void }) {
  const d = r.decision;
  const title = o.t('readoutOf', { name });
  const csv = () => toCsv(
    ['metric', 'role', 'variant', 'control', 'treatment', 'absolute', 'relative', 'ci_low', 'ci_high', 'relative_ci_low', 'relative_ci_high', 'p_fixed', 'p_sequential', 'significant'],
    r.comparisons.map((c) => [c.metric, c.role, c.variant, c.control, c.treatment, c.absolute, c.relative, c.ci[0], c.ci[1], c.relativeCi?.[0] ?? null, c.relativeCi?.[1] ?? null, c.pFixed, c.pSequential, c.significant]),
  );
  const actions = (
    <div class="export">
      <button type="button" class="ghost-btn small" data-export="csv" onClick={() => download(`notewave-experiment-${name}.csv`, 'text/csv;charset=utf-8', csv())}>↓ CSV</button>
      <button type="button" class="ghost-btn small" data-export="json" onClick={() => download(`notewave-experiment-${name}.json`, 'application/json', `${JSON.stringify(r, null, 2)}\n`)}>↓ JSON</button>
      <button type="button" class="ghost-btn small" onClick={reload}>{o.t('refresh')}</button>
    </div>
  );
  const forest = r.comparisons.filter((c) => c.relativeCi !== null);
  return (
    <Card title={title} actions={actions}>
      <p class={`verdict verdict-${d.verdict}`} data-testid="verdict" data-verdict={d.verdict}>
        <strong>{o.value('verdict', d.verdict)}</strong>
        {d.winner && d.relative !== null && <> · {o.t('winsBy', { variant: d.winner, metric: o.value('metric', d.metric), lift: signedPercent(d.relative) })}</>}
        {d.pSequential !== null && <> · {o.t('alwaysValidP', { p: d.pSequential < 0.0001 ? '< 0.0001' : d.pSequential.toFixed(4) })}</>}
      </p>
      <p class="muted small">{d.summary}</p>
      <p class="small">
        {o.t('progressUnits', { units: o.num(r.progress.units), planned: r.progress.planned === null ? '–' : o.num(r.progress.planned) })}
        {' · '}
        <span class={r.srm.mismatch ? 'warn' : undefined} data-testid="srm">
          {r.srm.mismatch ? o.t('srmMismatch', { p: r.srm.p.toExponential(1) }) : o.t('srmOk', { p: r.srm.p.toFixed(3) })}
        </span>
      </p>
      <div class="table-wrap">
        <table class="ops-table" data-testid="variants-table">
          <thead><tr><th scope="col">{o.t('variant')}</th><th scope="col">{o.t('exposedUnits')}</th>{[r.experiment.primaryMetric, ...r.experiment.guardrailMetrics].map((m) => <th key={m} scope="col">{o.value('metric', m)}</th>)}</tr></thead>
          <tbody>
            {r.variants.map((v) => (
              <tr key={v.name}>
                <th scope="row">{v.name}{v.name === r.experiment.control && v.name !== 'control' && <span class="muted"> · {o.t('control')}</span>}</th>
                <td class="num">{o.num(v.exposedUnits)}</td>
                {[r.experiment.primaryMetric, ...r.experiment.guardrailMetrics].map((m) => {
                  const est = v.metrics[m];
                  return <td key={m} class="num">{est ? `${formatMetric(m, est.value)} ± ${formatMetric(m, 1.96 * est.se)}` : '–'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {forest.length > 0 && (
        <ForestPlot
          title={o.t('liftChart')}
          rows={forest.map((c) => ({
            label: `${o.value('metric', c.metric)} · ${c.variant}${c.role === 'primary' ? ' ★' : ''}`,
            value: c.relative ?? 0,
            low: c.relativeCi?.[0] ?? 0,
            high: c.relativeCi?.[1] ?? 0,
            significant: c.significant,
          }))}
          format={(v) => signedPercent(v, 0)}
        />
      )}
      <div class="table-wrap">
        <table class="ops-table" data-testid="comparisons-table">
          <thead>
            <tr>
              <th scope="col">{o.t('metricCol')}</th><th scope="col">{o.t('variant')}</th><th scope="col">{o.t('control')}</th><th scope="col">{o.t('treatment')}</th>
              <th scope="col">{o.t('lift')}</th><th scope="col">{o.t('ci95')}</th><th scope="col">{o.t('pSeq')}</th>
            </tr>
          </thead>
          <tbody>
            {r.comparisons.map((c) => (
              <tr key={`${c.metric}|${c.variant}`} class={c.significant ? 'significant' : undefined}>
                <th scope="row">{o.value('metric', c.metric)} <span class="muted small">{o.value('role', c.role)}</span></th>
                <td>{c.variant}</td>
                <td class="num">{formatMetric(c.metric, c.control)}</td>
                <td class="num">{formatMetric(c.metric, c.treatment)}</td>
                <td class="num strong">{signedPercent(c.relative)}</td>
                <td class="num">{c.relativeCi ? `${signedPercent(c.relativeCi[0])} … ${signedPercent(c.relativeCi[1])}` : '–'}</td>
                <td class="num">{c.pSequential < 0.0001 ? '< 0.0001' : c.pSequential.toFixed(4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

interface VariantDraft {
  name: string;
  strategy: string;
  weight: string;
}

function NewExperiment({ o, onCreated }: { o: OpsI18n; onCreated: (e: ExperimentView) => void }) {
  const i = useI18n();
  const [name, setName] = useState('');
  const [hypothesis, setHypothesis] = useState('');
  const [surface, setSurface] = useState<'discover' | 'video'>('discover');
  const [variants, setVariants] = useState<VariantDraft[]>([{ name: 'control', strategy: 'funnel', weight: '1' }, { name: 'treatment', strategy: 'viral', weight: '1' }]);
  const [primary, setPrimary] = useState<Metric>('ctr');
  const [guardrails, setGuardrails] = useState<Metric[]>(['d1_retention']);
  const [traffic, setTraffic] = useState('1');
  const [mde, setMde] = useState('0.05');
  const [markets, setMarkets] = useState('');
  const [sources, setSources] = useState('');
  const [newOnly, setNewOnly] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const list = (s: string) => s.split(/[,\s]+/).map((x) => x.trim()).filter(Boolean);
  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    const input: ExperimentInput = {
      name: name.trim(),
      hypothesis: hypothesis.trim(),
      surface,
      traffic: Number(traffic),
      mde: Number(mde),
      variants: variants.map((v) => ({ name: v.name.trim(), strategy: v.strategy.trim(), weight: Number(v.weight) })),
      primaryMetric: primary,
      guardrailMetrics: guardrails.filter((g) => g !== primary),
      targeting: {
        ...(list(markets).length ? { markets: list(markets).map((m) => m.toUpperCase()) } : {}),
        ...(list(sources).length ? { signupSources: list(sources) } : {}),
        ...(newOnly ? { newUsersOnly: true } : {}),
      },
    };
    setBusy(true);
    try {
      const created = await api.experiments.create(input);
      onCreated(created);
      toast(o.t('expCreated', { name: created.name }));
      setName('');
      setHypothesis('');
    } catch (err) {
      setError(errorText(err, i));
    } finally {
      setBusy(false);
    }
  }

  const setVariant = (ix: number, patch: Partial<VariantDraft>) => setVariants(variants.map((v, k) => (k === ix ? { ...v, ...patch } : v)));
  return (
    <Card title={o.t('newExperiment')}>
      <form class="exp-form" onSubmit={(e) => void submit(e)}>
        <div class="ops-controls">
          <label>{o.t('expName')}<input name="exp-name" required pattern="[a-z0-9][a-z0-9_\-]*" maxLength={63} value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="viral-for-arrivals" /></label>
          <label>{o.t('surfaceCol')}
            <select name="exp-surface" value={surface} onChange={(e) => setSurface(e.currentTarget.value === 'video' ? 'video' : 'discover')}>
              <option value="discover">{o.value('surface', 'discover')}</option><option value="video">{o.value('surface', 'video')}</option>
            </select>
          </label>
          <label>{o.t('primaryMetric')}
            <select name="exp-primary" value={primary} onChange={(e) => setPrimary(EXPERIMENT_METRICS.find((m) => m === e.currentTarget.value) ?? 'ctr')}>
              {EXPERIMENT_METRICS.map((m) => <option key={m} value={m}>{o.value('metric', m)}</option>)}
            </select>
          </label>
          <label>{o.t('traffic')}<input name="exp-traffic" type="number" min="0.01" max="1" step="0.01" value={traffic} onInput={(e) => setTraffic(e.currentTarget.value)} /></label>
          <label>{o.t('mde')}<input name="exp-mde" type="number" min="0.001" max="10" step="0.001" value={mde} onInput={(e) => setMde(e.currentTarget.value)} /></label>
        </div>
        <label class="block">{o.t('hypothesis')}
          <textarea name="exp-hypothesis" required maxLength={2000} rows={2} value={hypothesis} onInput={(e) => setHypothesis(e.currentTarget.value)} placeholder={o.t('hypothesisHint')} />
        </label>
        <fieldset class="exp-variants">
          <legend>{o.t('variants')}</legend>
          {variants.map((v, ix) => (
            <div class="ops-controls" key={ix}>
              <label>{o.t('variant')} {ix === 0 ? `(${o.t('control')})` : ''}<input name={`variant-${ix}-name`} value={v.name} onInput={(e) => setVariant(ix, { name: e.currentTarget.value })} /></label>
              <label>{o.t('strategyCol')}<input name={`variant-${ix}-strategy`} list="exp-strategies" value={v.strategy} onInput={(e) => setVariant(ix, { strategy: e.currentTarget.value })} /></label>
              <label>{o.t('weight')}<input name={`variant-${ix}-weight`} type="number" min="0.01" step="0.01" value={v.weight} onInput={(e) => setVariant(ix, { weight: e.currentTarget.value })} /></label>
              {variants.length > 2 && <button type="button" class="ghost-btn small" onClick={() => setVariants(variants.filter((_, k) => k !== ix))}>{o.t('removeVariant')}</button>}
            </div>
          ))}
          <datalist id="exp-strategies"><option value="funnel" /><option value="viral" /></datalist>
          {variants.length < 8 && <button type="button" class="ghost-btn small" onClick={() => setVariants([...variants, { name: `variant-${variants.length}`, strategy: 'viral', weight: '1' }])}>{o.t('addVariant')}</button>}
        </fieldset>
        <fieldset class="exp-guardrails">
          <legend>{o.t('guardrails')}</legend>
          {EXPERIMENT_METRICS.filter((m) => m !== primary).map((m) => (
            <label key={m} class="check">
              <input type="checkbox" checked={guardrails.includes(m)} onChange={(e) => setGuardrails(e.currentTarget.checked ? [...guardrails, m] : guardrails.filter((g) => g !== m))} />
              {o.value('metric', m)}
            </label>
          ))}
        </fieldset>
        <div class="ops-controls">
          <label>{o.t('targetMarkets')}<input name="exp-markets" value={markets} onInput={(e) => setMarkets(e.currentTarget.value)} placeholder="US, CA" /></label>
          <label>{o.t('targetSources')}<input name="exp-sources" value={sources} onInput={(e) => setSources(e.currentTarget.value)} placeholder="tiktok-refugee" /></label>
          <label class="check"><input type="checkbox" checked={newOnly} onChange={(e) => setNewOnly(e.currentTarget.checked)} />{o.t('newUsersOnly')}</label>
        </div>
        {error && <p class="form-error" role="alert">{error}</p>}
        <button type="submit" class="primary-btn" disabled={busy}>{o.t('createExperiment')}</button>
      </form>
    </Card>
  );
}
