import { sql } from 'kysely';
import type { RateHit, RateLimitStore } from '@notewave/engine';
import { chunked, rowsPerStatement, type StoreContext } from '../backend-profile.ts';

const COLUMNS = 4;
const LOOKUP_KEYS = 500;

function counterKey(key: string, windowStart: number): string {
  return `${windowStart}\n${key}`;
}

/**
 * Counters are upserted with `on conflict … do update set hits = hits + excluded.hits returning hits`: one
 * statement adds a whole batch and reads back the totals, on both backends. A statement may not touch one row
 * twice (PostgreSQL refuses it), so entries naming the same counter are summed first.
 */
export class KyselyRateLimitStore implements RateLimitStore {
  constructor(private readonly ctx: StoreContext) {}

  async addHits(hits: readonly RateHit[]): Promise<number[]> {
    if (hits.length === 0) return [];
    const merged = new Map<string, RateHit>();
    for (const h of hits) {
      const k = counterKey(h.key, h.windowStart);
      const m = merged.get(k);
      if (m) merged.set(k, { ...m, hits: m.hits + h.hits, expiresAt: Math.max(m.expiresAt, h.expiresAt) });
      else merged.set(k, h);
    }
    const totals = new Map<string, number>();
    for (const part of chunked([...merged.values()], rowsPerStatement(this.ctx.profile, COLUMNS))) {
      const rows = await this.ctx.db
        .insertInto('rate_limits')
        .values(part.map((h) => ({ key: h.key, window_start: h.windowStart, hits: h.hits, expires_at: h.expiresAt })))
        .onConflict((oc) =>
          oc.columns(['key', 'window_start']).doUpdateSet({
            hits: sql`rate_limits.hits + excluded.hits`,
            // One key always uses one window length, so a later expiry is the same or the right one.
            expires_at: sql`excluded.expires_at`,
          }),
        )
        .returning(['key', 'window_start', 'hits'])
        .execute();
      for (const r of rows) totals.set(counterKey(r.key, Number(r.window_start)), Number(r.hits));
    }
    return hits.map((h) => totals.get(counterKey(h.key, h.windowStart)) ?? 0);
  }

  async readHits(counters: readonly { key: string; windowStart: number }[]): Promise<number[]> {
    if (counters.length === 0) return [];
    const totals = new Map<string, number>();
    const keys = [...new Set(counters.map((c) => c.key))];
    for (const part of chunked(keys, LOOKUP_KEYS)) {
      const rows = await this.ctx.db.selectFrom('rate_limits').select(['key', 'window_start', 'hits']).where('key', 'in', part).execute();
      for (const r of rows) totals.set(counterKey(r.key, Number(r.window_start)), Number(r.hits));
    }
    return counters.map((c) => totals.get(counterKey(c.key, c.windowStart)) ?? 0);
  }

  async clearKeys(keys: readonly string[]): Promise<void> {
    for (const part of chunked(keys, LOOKUP_KEYS)) await this.ctx.db.deleteFrom('rate_limits').where('key', 'in', part).execute();
  }

  async purgeExpired(now: number): Promise<number> {
    const r = await this.ctx.db.deleteFrom('rate_limits').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
