/*
 * @notewave/storage: the engine's storage ports over SQLite (embedded, single node) and PostgreSQL (multi-node).
 * Open one with `openStorage(url)`; both backends run the same Kysely queries and pass the suite in conformance/.
 */
export { openStorage, STORAGE_URL_EXAMPLES, type OpenStorageOptions } from './open-storage.ts';
export { openSqliteStorage } from './sqlite/sqlite-storage.ts';
export { openPostgresStorage } from './postgres/postgres-storage.ts';
export { KyselyStorage } from './kysely-storage.ts';
export { backupDatabase, restoreDatabase, type BackupSummary } from './backup.ts';
