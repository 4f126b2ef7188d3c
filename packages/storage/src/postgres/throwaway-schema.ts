import pg from 'pg';

/**
 * A fresh PostgreSQL schema name for a test or a tool run, and a way to drop it afterwards: tests on one server
 * never see each other's rows, and leave nothing behind.
 */
export function throwawaySchemaName(label: string): string {
  return `nw_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await admin.end();
  }
}
