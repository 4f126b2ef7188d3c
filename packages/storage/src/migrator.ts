import { sql, type Kysely } from 'kysely';
import type { BackendProfile } from './backend-profile.ts';
import type { Database } from './database.ts';

/**
 * Applies the profile's pending migrations in one transaction and returns the versions applied, so a second
 * run (or a second node starting at the same time) applies nothing.
 */
export async function migrate(db: Kysely<Database>, profile: BackendProfile): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await profile.lockMigrations(trx);
    await sql`create table if not exists schema_migrations (version varchar(64) primary key, applied_at bigint not null)`.execute(trx);
    const rows = await trx.selectFrom('schema_migrations').select('version').execute();
    const done = new Set(rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of profile.migrations) {
      if (done.has(m.version)) continue;
      for (const statement of m.statements) await sql.raw(statement).execute(trx);
      await trx.insertInto('schema_migrations').values({ version: m.version, applied_at: Date.now() }).execute();
      applied.push(m.version);
    }
    return applied;
  });
}
