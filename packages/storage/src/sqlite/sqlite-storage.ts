import type { Storage } from '@notewave/engine';
import { EngineError } from '@notewave/engine/errors.ts';
import { KyselyStorage } from '../kysely-storage.ts';
import { openSqliteConnection } from './sqlite-connection.ts';
import { sqliteProfile } from './sqlite-profile.ts';

/** Embedded single-node storage in one file (or in memory for tests). */
export function openSqliteStorage(location: string, synchronous: 'full' | 'normal' = 'full'): Storage {
  try {
    return new KyselyStorage(openSqliteConnection(location, synchronous), sqliteProfile);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new EngineError('storage_unavailable', `cannot open SQLite database at ${location}: ${detail}`);
  }
}
