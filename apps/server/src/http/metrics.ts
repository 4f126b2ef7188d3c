import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/*
 * Prometheus metrics through prom-client, one registry per node (tests start several nodes in one process).
 * Routes are labelled by their pattern (`/api/notes/:id`), never the raw URL, to keep cardinality bounded.
 */

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const OUTCOMES = ['accepted', 'duplicate', 'rejected'] as const;

interface RequestSeries {
  count: Counter.Internal;
  duration: Histogram.Internal<'method' | 'route'>;
}

export class Metrics {
  private readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'http_requests_total', help: 'HTTP requests by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const, registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'http_request_duration_seconds', help: 'HTTP request latency.',
    labelNames: ['method', 'route'] as const, buckets: BUCKETS, registers: [this.registry],
  });
  private readonly events = new Counter({
    name: 'notewave_events_ingested_total', help: 'Client events by outcome.', labelNames: ['outcome'] as const, registers: [this.registry],
  });
  /** Label children by method → route → status, made once: a request then costs map lookups, not label hashing. */
  private readonly series = new Map<string, RequestSeries>();

  constructor() {
    for (const outcome of OUTCOMES) this.events.labels(outcome).inc(0);
  }

  /** The Content-Type of `render()`'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let s = this.series.get(key);
    if (!s) {
      s = { count: this.requests.labels(method, route, String(status)), duration: this.durations.labels(method, route) };
      this.series.set(key, s);
    }
    s.count.inc();
    s.duration.observe(seconds);
  }

  /** Adds to `notewave_events_ingested_total{outcome=…}`. */
  countEvents(outcome: (typeof OUTCOMES)[number], n: number): void {
    if (n > 0) this.events.labels(outcome).inc(n);
  }

  /** A gauge read when the metrics are scraped. */
  gauge(name: string, help: string, read: () => number): void {
    new Gauge({ name, help, registers: [this.registry], collect() {
      this.set(read());
    } });
  }

  /**
   * Hits and misses of the node's caches, read when the metrics are scraped:
   * `notewave_cache_lookups_total{cache=…,result="hit"|"miss"}`.
   */
  caches(read: () => Record<string, { hits: number; misses: number }>): void {
    new Counter({ name: 'notewave_cache_lookups_total', help: 'Cache lookups by cache and result (hit or miss).', labelNames: ['cache', 'result'] as const, registers: [this.registry], collect() {
      this.reset();
      for (const [cache, c] of Object.entries(read())) {
        this.labels(cache, 'hit').inc(c.hits);
        this.labels(cache, 'miss').inc(c.misses);
      }
    } });
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
