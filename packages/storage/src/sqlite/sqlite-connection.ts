import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from '../database.ts';

export const SQLITE_MEMORY = ':memory:';

/**
 * Opens one connection; Kysely's SQLite driver serialises every query and transaction through it, so the process
 * is the single writer. WAL lets readers in other processes (backups, the CLI) proceed during writes, and
 * synchronous=FULL fsyncs the WAL on every commit: an acknowledged event survives a power cut, not just a crash.
 * Bulk writers may ask for NORMAL, which fsyncs only at checkpoints.
 */
export function openSqliteConnection(location: string, synchronous: 'full' | 'normal' = 'full'): Kysely<Database> {
  if (location !== SQLITE_MEMORY) mkdirSync(dirname(resolve(location)), { recursive: true });
  const raw = new BetterSqlite3(location);
  try {
    raw.pragma('journal_mode = WAL');
    raw.pragma(synchronous === 'normal' ? 'synchronous = NORMAL' : 'synchronous = FULL');
    raw.pragma('busy_timeout = 5000');
    raw.pragma('foreign_keys = ON');
  } catch (e) {
    raw.close();
    throw e;
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
}

const CACHED_STATEMENTS = 256;

/*
 * Kysely's SQLite driver prepares every query afresh; for a 1,000-row event insert that compile cost as much as the
 * insert. Statements are keyed by SQL text and reused (least recently used dropped first). Reuse is safe because the
 * driver runs one query at a time on this connection, and SQLite re-prepares a cached statement after schema changes.
 */
function withStatementCache(raw: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      cache.clear();
      raw.close();
    },
    prepare: (text: string) => {
      let stmt = cache.get(text);
      if (stmt) cache.delete(text);
      else {
        stmt = raw.prepare(text);
        if (cache.size >= CACHED_STATEMENTS) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}
