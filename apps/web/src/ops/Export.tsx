import type { AnalyticsReportName } from '@notewave/api-client';
import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { toast } from '../lib/toast.ts';
import { errorText } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n.ts';
import type { OpsI18n } from './ops-i18n.ts';
import { exportName } from './ops-logic.ts';

type Query = Record<string, string | number | undefined>;

/** Saves `text` as a file named `name` through a temporary object URL. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * CSV and JSON downloads of one chart's data: the JSON is the API's answer the chart was drawn from, the CSV is the
 * same query asked of the API with `format=csv`, so a download always equals what `/api/analytics/<report>` serves.
 */
export function ExportButtons({ report, query, data, what, o }: { report: AnalyticsReportName; query: Query; data: unknown; what: string; o: OpsI18n }) {
  const i = useI18n();
  const [busy, setBusy] = useState(false);
  const parts = [query.by === undefined ? undefined : String(query.by), query.from === undefined ? undefined : String(query.from), query.to === undefined ? undefined : String(query.to)];
  async function csv() {
    setBusy(true);
    try {
      download(exportName(report, parts, 'csv'), 'text/csv;charset=utf-8', await api.analytics.csv(report, query));
    } catch (e) {
      toast(errorText(e, i));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="export" role="group" aria-label={what}>
      <button type="button" class="ghost-btn small" disabled={busy} data-export="csv" aria-label={o.t('exportLabel', { what, fmt: 'CSV' })} onClick={() => void csv()}>
        ↓ {o.t('exportCsv')}
      </button>
      <button type="button" class="ghost-btn small" data-export="json" aria-label={o.t('exportLabel', { what, fmt: 'JSON' })}
        onClick={() => download(exportName(report, parts, 'json'), 'application/json', `${JSON.stringify(data, null, 2)}\n`)}>
        ↓ {o.t('exportJson')}
      </button>
    </div>
  );
}
