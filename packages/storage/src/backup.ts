import { EngineError } from '@notewave/engine/errors.ts';
import { backupSqlite, restoreSqlite, type BackupSummary } from './sqlite/sqlite-backup.ts';

export type { BackupSummary } from './sqlite/sqlite-backup.ts';

/**
 * Backs up the database at a storage URL into a new file while it is in use. SQLite only: PostgreSQL has its own
 * tools (`pg_dump -Fc`, `pg_restore`), which know its snapshots and roles better than a copy through this package.
 */
export function backupDatabase(url: string, file: string): Promise<BackupSummary> {
  return backupSqlite(sqliteFile(url, 'back up'), file);
}

/** Replaces the database at a storage URL with a backup file; refuses while a server holds the database. */
export function restoreDatabase(file: string, url: string): Promise<BackupSummary> {
  return restoreSqlite(file, sqliteFile(url, 'restore'));
}

function sqliteFile(url: string, verb: string): string {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    throw new EngineError('validation_failed', `to ${verb} PostgreSQL use pg_dump -Fc / pg_restore (see the README's Backups section)`);
  }
  const path = url.startsWith('sqlite://') ? url.slice('sqlite://'.length) : '';
  if (path.length === 0 || path.includes('?')) throw new EngineError('validation_failed', `cannot ${verb} ${url}: only a SQLite file (sqlite://path) can be`);
  return decodeURIComponent(path);
}
