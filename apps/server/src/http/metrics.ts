/*
 * Prometheus text exposition, hand-written: a few counters and one histogram do not justify a dependency.
 * Routes are labelled by their pattern (`/api/notes/:id`), never the raw URL, to keep cardinality bounded.
 */

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}


export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  private readonly counters = new Map<string, number>();
  private readonly gauges: { name: string; help: string; read: () => number }[] = [];

  /** Label strings and histograms by method → route → status, built once: a request only does map lookups. */
  private readonly series = new Map<string, Map<string, Map<number, { key: string; h: Histogram }>>>();

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    let byRoute = this.series.get(method);
    if (!byRoute) this.series.set(method, (byRoute = new Map()));
    let byStatus = byRoute.get(route);
    if (!byStatus) byRoute.set(route, (byStatus = new Map()));
    let s = byStatus.get(status);
    if (!s) byStatus.set(status, (s = this.newSeries(method, route, status)));
    this.requests.set(s.key, (this.requests.get(s.key) ?? 0) + 1);
    const h = s.h;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= (BUCKETS[i] as number)) h.counts[i] = (h.counts[i] as number) + 1;
    h.sum += seconds;
    h.count++;
  }

  private newSeries(method: string, route: string, status: number): { key: string; h: Histogram } {
    const hkey = `method="${method}",route="${escape(route)}"`;
    let h = this.durations.get(hkey);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(hkey, h);
    }
    return { key: `method="${method}",route="${escape(route)}",status="${status}"`, h };
  }

  /** Adds to `notewave_events_ingested_total{outcome=…}`. */
  countEvents(outcome: 'accepted' | 'duplicate' | 'rejected', n: number): void {
    if (n > 0) this.counters.set(outcome, (this.counters.get(outcome) ?? 0) + n);
  }

  gauge(name: string, help: string, read: () => number): void {
    this.gauges.push({ name, help, read });
  }

  render(): string {
    const out: string[] = [];
    out.push('# HELP http_requests_total HTTP requests by method, route pattern and status.', '# TYPE http_requests_total counter');
    for (const [k, v] of this.requests) out.push(`http_requests_total{${k}} ${v}`);
    out.push('# HELP http_request_duration_seconds HTTP request latency.', '# TYPE http_request_duration_seconds histogram');
    for (const [k, h] of this.durations) {
      BUCKETS.forEach((b, i) => out.push(`http_request_duration_seconds_bucket{${k},le="${b}"} ${h.counts[i]}`));
      out.push(`http_request_duration_seconds_bucket{${k},le="+Inf"} ${h.count}`);
      out.push(`http_request_duration_seconds_sum{${k}} ${h.sum}`, `http_request_duration_seconds_count{${k}} ${h.count}`);
    }
    out.push('# HELP notewave_events_ingested_total Client events by outcome.', '# TYPE notewave_events_ingested_total counter');
    for (const outcome of ['accepted', 'duplicate', 'rejected']) {
      out.push(`notewave_events_ingested_total{outcome="${outcome}"} ${this.counters.get(outcome) ?? 0}`);
    }
    for (const g of this.gauges) out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`, `${g.name} ${g.read()}`);
    return out.join('\n') + '\n';
  }
}

function escape(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
