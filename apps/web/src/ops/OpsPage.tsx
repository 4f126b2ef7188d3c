import type { AnalyticsDimension, AnalyticsOverview, Taxonomy } from '@notewave/api-client';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, session } from '../lib/api.ts';
import { OPS_PAGES, type OpsPageName } from '../lib/routes.ts';
import { useStore } from '../lib/store.ts';
import { useAsync } from '../lib/use-async.ts';
import { ErrorState, Loading } from '../components/States.tsx';
import { useOpsI18n, type OpsI18n } from './ops-i18n.ts';
import { defaultRange, isDay } from './ops-logic.ts';
import './ops.css';
import { ExperimentsView } from './experiments.tsx';
import { ActivesView, AudienceView, ContentView, FunnelView, RetentionView } from './views.tsx';


/** What every dashboard view gets: the overview (range, dimensions), the chosen range and the translations. */
export interface ViewProps {
  overview: AnalyticsOverview;
  range: { from: string; to: string };
  by: AnalyticsDimension;
  o: OpsI18n;
  controls: (extra?: ComponentChildren) => ComponentChildren;
}

const DEFAULT_BY: Record<Exclude<OpsPageName, 'experiments'>, AnalyticsDimension> = { actives: 'source', retention: 'source', audience: 'source', content: 'source', funnel: 'all' };

/**
 * The operator dashboard: actives, retention, audience, content and funnel, each drawn from `/api/analytics/*`.
 * Members who are not operators are told so and no analytics request is made for them; the API refuses them anyway.
 */
export default function OpsPage({ page }: { page: OpsPageName }) {
  const user = useStore(session);
  const [tax] = useAsync<Taxonomy | null>(() => api.taxonomy().catch(() => null), []);
  const o = useOpsI18n(tax.status === 'ok' ? tax.value : null);
  const operator = user?.user.role === 'operator';
  if (!user) {
    return (
      <section class="ops refused" role="alert">
        <h1>{o.t('dashboard')}</h1>
        <p>{o.t('opsSignIn')}</p>
        <a class="primary-btn" href="/signin">{o.lang === 'zh' ? '登录' : 'Sign in'}</a>
      </section>
    );
  }
  if (!operator) {
    return (
      <section class="ops refused" role="alert">
        <h1>{o.t('dashboard')}</h1>
        <p>{o.t('opsOnly')}</p>
      </section>
    );
  }
  return <Dashboard page={page} o={o} />;
}

function Dashboard({ page, o }: { page: OpsPageName; o: OpsI18n }) {
  const [ov, reload] = useAsync(() => api.analytics.overview(), []);
  return (
    <section class="ops">
      <header class="ops-head">
        <h1>{o.t('dashboard')}</h1>
        {ov.status === 'ok' && ov.value.firstDay && (
          <p class="muted small" data-testid="ops-overview">
            {o.t('overview', { users: o.num(ov.value.users), events: o.num(ov.value.events), first: ov.value.firstDay, last: ov.value.lastDay ?? '', tz: ov.value.timeZone })}
          </p>
        )}
      </header>
      <nav class="ops-tabs" aria-label={o.t('dashboard')}>
        {OPS_PAGES.map((p) => (
          <a key={p} class="tab" href={`/ops/${p}`} aria-current={p === page ? 'page' : undefined}>{o.t(p)}</a>
        ))}
      </nav>
      {page !== 'experiments' && ov.status === 'loading' && <Loading />}
      {page !== 'experiments' && ov.status === 'error' && <ErrorState error={ov.error} onRetry={reload} />}
      {page === 'experiments' ? <ExperimentsView o={o} /> : ov.status === 'ok' && <PageBody key={page} page={page} overview={ov.value} o={o} />}
    </section>
  );
}

function PageBody({ page, overview, o }: { page: Exclude<OpsPageName, 'experiments'>; overview: AnalyticsOverview; o: OpsI18n }) {
  const initial = defaultRange(overview.firstDay, overview.lastDay, page === 'retention' ? 35 : 30);
  const [range, setRange] = useState(initial ?? { from: '', to: '' });
  const [by, setBy] = useState<AnalyticsDimension>(DEFAULT_BY[page]);
  if (!initial) return <p class="state empty">{o.t('noData')}</p>;
  // The server names the dimensions it can split by; the select offers exactly those.
  const dims = ['all', ...Object.keys(overview.dimensions).filter((d) => d !== 'all')] as AnalyticsDimension[];
  const controls = (extra?: ComponentChildren) => (
    <form class="ops-controls" onSubmit={(e) => e.preventDefault()}>
      <label>{o.t('by')}
        <select name="by" value={by} onChange={(e) => {
          const v = e.currentTarget.value;
          const d = dims.find((x) => x === v);
          if (d) setBy(d);
        }}>
          {dims.map((d) => <option key={d} value={d}>{o.dim(d)}</option>)}
        </select>
      </label>
      <label>{o.t('from')}
        <input type="date" name="from" value={range.from} min={overview.firstDay ?? undefined} max={range.to}
          onChange={(e) => isDay(e.currentTarget.value) && setRange({ ...range, from: e.currentTarget.value })} />
      </label>
      <label>{o.t('to')}
        <input type="date" name="to" value={range.to} min={range.from} max={overview.lastDay ?? undefined}
          onChange={(e) => isDay(e.currentTarget.value) && setRange({ ...range, to: e.currentTarget.value })} />
      </label>
      {extra}
    </form>
  );
  const props: ViewProps = { overview, range, by, o, controls };
  switch (page) {
    case 'actives': return <ActivesView {...props} />;
    case 'retention': return <RetentionView {...props} />;
    case 'audience': return <AudienceView {...props} />;
    case 'content': return <ContentView {...props} />;
    case 'funnel': return <FunnelView {...props} />;
  }
}
