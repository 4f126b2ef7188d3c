import type { Storage } from '@notewave/engine';
import { EngineError } from '@notewave/engine/errors.ts';
import { openPostgresStorage } from './postgres/postgres-storage.ts';
import { SQLITE_MEMORY } from './sqlite/sqlite-connection.ts';
import { openSqliteStorage } from './sqlite/sqlite-storage.ts';

export interface OpenStorageOptions {
  /** PostgreSQL only: schema to work in (put on the search_path, created when missing). */
  schema?: string;
  /** PostgreSQL only: connections in the pool. */
  poolSize?: number;
  /**
   * PostgreSQL only: wake other processes with NOTIFY at each commit that changes something, and LISTEN for theirs
   * (the default). False when another bus carries the wake-ups: no notification per commit, no listening connection.
   */
  notify?: boolean;
  /** Apply pending migrations before returning. */
  migrate?: boolean;
  /**
   * SQLite only: `normal` skips the fsync on every commit (WAL keeps the file consistent after a crash, but the last
   * commits may be lost on power failure). For bulk writers such as the simulator; the server keeps the `full` default.
   */
  synchronous?: 'full' | 'normal';
}

export const STORAGE_URL_EXAMPLES = ['sqlite://./data/notewave.db', 'sqlite::memory:', 'postgres://user:pass@host:5432/db'];

/**
 * Opens storage from a URL: `sqlite://<path>` (relative to the working directory, parent directories created),
 * `sqlite:///<absolute path>`, `sqlite::memory:`, or `postgres://…` / `postgresql://…`.
 */
export async function openStorage(url: string, opts: OpenStorageOptions = {}): Promise<Storage> {
  const storage = await openByScheme(url, opts);
  if (opts.migrate) {
    try {
      await storage.migrate();
    } catch (e) {
      await storage.close();
      throw e;
    }
  }
  return storage;
}

async function openByScheme(url: string, opts: OpenStorageOptions): Promise<Storage> {
  if (url === 'sqlite::memory:') return openSqliteStorage(SQLITE_MEMORY, opts.synchronous);
  if (url.startsWith('sqlite://')) {
    const path = url.slice('sqlite://'.length);
    if (path.length === 0 || path.includes('?')) throw invalid(url, 'a SQLite URL needs a file path and takes no query string');
    return openSqliteStorage(decodeURIComponent(path), opts.synchronous);
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    if (!URL.canParse(url)) throw invalid(url, 'the PostgreSQL URL does not parse');
    return openPostgresStorage(url, opts);
  }
  throw invalid(url, 'unknown scheme');
}

function invalid(url: string, why: string): EngineError {
  const shown = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return new EngineError('validation_failed', `storage URL "${shown}": ${why}; expected one of ${STORAGE_URL_EXAMPLES.join(', ')}`);
}
