import pg from 'pg';
import type { ChangeWatcher } from '../stores/change-log.ts';
import { CHANGE_CHANNEL_PREFIX } from './postgres-profile.ts';

const RECONNECT_MS = 1_000;

/**
 * LISTEN on a connection of its own (a pooled one would be handed to queries). A lost or refused connection is tried
 * again every second; meanwhile followers fall back on their slow poll, and the wake-up sent on every (re)connect
 * covers what was missed.
 */
export function postgresChangeWatcher(url: string, schema: string | undefined): ChangeWatcher {
  return async (onWake) => {
    let stopped = false;
    let client: pg.Client | null = null;
    let retry: NodeJS.Timeout | null = null;
    const again = () => {
      if (!stopped && retry === null) retry = setTimeout(() => void connect(), RECONNECT_MS);
    };
    const connect = async (): Promise<void> => {
      retry = null;
      const c = new pg.Client({ connectionString: url, ...(schema !== undefined && { options: `-c search_path=${schema}` }) });
      c.on('error', () => {});
      c.on('notification', () => onWake());
      try {
        await c.connect();
        const { rows } = await c.query<{ s: string }>('select current_schema() as s');
        await c.query(`LISTEN "${`${CHANGE_CHANNEL_PREFIX}${rows[0]?.s ?? 'public'}`.replaceAll('"', '""')}"`);
      } catch {
        await c.end().catch(() => {});
        again();
        return;
      }
      if (stopped) {
        await c.end().catch(() => {});
        return;
      }
      client = c;
      c.on('end', () => {
        if (client === c) client = null;
        again();
      });
      onWake();
    };
    await connect();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    };
  };
}
