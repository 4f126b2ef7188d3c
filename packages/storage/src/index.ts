export { openStorage, STORAGE_URL_EXAMPLES, type OpenStorageOptions } from './open-storage.ts';
export { openSqliteStorage } from './sqlite/sqlite-storage.ts';
export { openPostgresStorage } from './postgres/postgres-storage.ts';
export { KyselyStorage } from './kysely-storage.ts';
