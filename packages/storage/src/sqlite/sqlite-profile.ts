import type { BackendProfile, DriverErrorKind } from '../backend-profile.ts';
import { SqliteEventInsert } from './sqlite-event-insert.ts';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';

/** Compiled into better-sqlite3's SQLite (SQLITE_MAX_VARIABLE_NUMBER). */
const MAX_VARIABLES = 32_766;

const UNAVAILABLE = /^SQLITE_(CANTOPEN|BUSY|LOCKED|IOERR|FULL|READONLY|CORRUPT|NOTADB|PERM)/;

export const sqliteProfile: BackendProfile = {
  capabilities: { backend: 'sqlite', multiNode: false },
  maxParams: MAX_VARIABLES,
  migrations: SQLITE_MIGRATIONS,
  classifyError(e: unknown): DriverErrorKind | null {
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code === 'string') {
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'conflict';
      if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'missing_reference';
      if (code === 'SQLITE_TOOBIG' || code === 'SQLITE_MISMATCH') return 'invalid_input';
      if (UNAVAILABLE.test(code)) return 'unavailable';
    }
    const message = e instanceof Error ? e.message : '';
    if (/database connection is not open|driver has already been destroyed/i.test(message)) return 'unavailable';
    return null;
  },
  // One connection per process already serialises migrations, and SQLite's write lock orders them across processes.
  async lockMigrations() {},
  // Appends run on the single connection and seq is assigned under SQLite's write lock, so seq order is commit order.
  async lockEventLog() {},
  // One writer at a time already: seq order is commit order.
  async lockChangeLog() {},
  async notifyChanges() {},
  // Callers write before they read, so SQLite's write lock already orders them, across processes too.
  async lockKey() {},
  eventInsert: (db) => new SqliteEventInsert(db),
  async destroy(db) {
    await db.destroy();
  },
};
