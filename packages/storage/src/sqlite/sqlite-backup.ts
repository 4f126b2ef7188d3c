import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { EngineError } from '@notewave/engine/errors.ts';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';

/** What a backup file holds, read when it is written and checked again before it is restored. */
export interface BackupSummary {
  file: string;
  bytes: number;
  /** Schema versions applied in the copied database. */
  migrations: string[];
  users: number;
  notes: number;
  events: number;
}

// sqlite3_backup_step page count for "everything that is left": the copy is then one read transaction, so writes by
// the server (other connections) cannot restart it half-way, and in WAL mode they are not blocked by it either.
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite database into a new file with SQLite's online backup API, through a read-only connection of
 * its own: the server keeps serving and writing, and the copy is one consistent snapshot that holds every
 * transaction committed before it started. The copy is written beside `file` and renamed into place when complete.
 */
export async function backupSqlite(location: string, file: string): Promise<BackupSummary> {
  const target = resolve(file);
  if (existsSync(target)) throw new EngineError('conflict', `${file} already exists; back up into a new file`);
  if (!existsSync(location)) throw new EngineError('not_found', `there is no SQLite database at ${location}`);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const source = new BetterSqlite3(location, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(partial, { progress: () => ALL_PAGES });
  } catch (e) {
    rmSync(partial, { force: true });
    throw new EngineError('storage_unavailable', `backup of ${location} failed: ${(e as Error).message}`);
  } finally {
    source.close();
  }
  renameSync(partial, target);
  return inspectBackup(target);
}

/**
 * Replaces the database at `location` with a backup, after checking the backup (an intact SQLite file holding a
 * Notewave schema this version knows) and that no process holds the database open: the server must be stopped.
 */
export async function restoreSqlite(file: string, location: string): Promise<BackupSummary> {
  const summary = inspectBackup(resolve(file));
  if (existsSync(location)) assertNotInUse(location);
  else mkdirSync(dirname(resolve(location)), { recursive: true });
  const source = new BetterSqlite3(resolve(file), { readonly: true, fileMustExist: true });
  try {
    await source.backup(location, { progress: () => ALL_PAGES });
  } catch (e) {
    throw new EngineError('storage_unavailable', `restore into ${location} failed: ${(e as Error).message}`);
  } finally {
    source.close();
  }
  return summary;
}

/** Checks that `file` is an intact Notewave SQLite database and counts what it holds. */
export function inspectBackup(file: string): BackupSummary {
  if (!existsSync(file)) throw new EngineError('not_found', `backup file ${file} does not exist`);
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new EngineError('validation_failed', `${file} cannot be opened as a SQLite database: ${(e as Error).message}`);
  }
  try {
    let check: string;
    try {
      check = db.pragma('quick_check', { simple: true }) as string;
    } catch (e) {
      throw new EngineError('validation_failed', `${file} is not a SQLite database: ${(e as Error).message}`);
    }
    if (check !== 'ok') throw new EngineError('validation_failed', `${file} is damaged: ${check}`);
    const hasSchema = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'schema_migrations'").get();
    if (!hasSchema) throw new EngineError('validation_failed', `${file} is a SQLite database but not a Notewave one (no schema_migrations table)`);
    const migrations = (db.prepare('select version from schema_migrations order by version').all() as { version: string }[]).map((r) => r.version);
    const known = new Set(SQLITE_MIGRATIONS.map((m) => m.version));
    const unknown = migrations.filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new EngineError('validation_failed', `${file} was written by a newer Notewave (schema ${unknown.join(', ')}); restore it with that version`);
    }
    const count = (table: string) => (migrations.length > 0 ? (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n : 0);
    return { file, bytes: statSync(file).size, migrations, users: count('users'), notes: count('notes'), events: count('events') };
  } finally {
    db.close();
  }
}

/**
 * Takes SQLite's exclusive lock on the database for a moment: a running server holds the file open (WAL mode keeps a
 * shared lock for the life of the connection), so the lock is refused while it runs.
 */
function assertNotInUse(location: string): void {
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(location, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new EngineError('conflict', `${location} is in use (is the server running?); stop it before restoring`);
    }
    throw new EngineError('storage_unavailable', `cannot open ${location}: ${(e as Error).message}`);
  } finally {
    db?.close();
  }
}
