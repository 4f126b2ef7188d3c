import type { CacheCounts } from './feed-traffic.ts';

/** The server's cache counters, from its Prometheus metrics (`notewave_cache_lookups_total{cache,result}`). */
export async function serverCacheCounts(url: string): Promise<CacheCounts> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out: CacheCounts = {};
  for (const m of text.matchAll(/^notewave_cache_lookups_total\{([^}]*)\} (\S+)$/gm)) {
    const labels = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1]!, x[2]!]));
    const c = (out[labels.cache!] ??= { hits: 0, misses: 0 });
    if (labels.result === 'hit') c.hits += Number(m[2]);
    else c.misses += Number(m[2]);
  }
  return out;
}
