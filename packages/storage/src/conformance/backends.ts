import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { Storage } from '@notewave/engine';
import { openStorage } from '../open-storage.ts';

/*
 * Every port's conformance tests are written once and registered against each real backend: SQLite in memory and
 * in a temporary file always, PostgreSQL when TEST_POSTGRES_URL names a server. Each test gets a fresh, migrated,
 * empty store (its own memory database or temp file; on PostgreSQL the suite's own schema, emptied), so tests never
 * see each other's rows.
 */

/** A fresh store for one test; `reopen` closes it and opens the same data again (durable backends only). */
export interface Lease {
  storage: Storage;
  readonly url: string;
  readonly durable: boolean;
  reopen(): Promise<Storage>;
  /** Opens a second store on the same data, as another node would (durable backends only); closed by `dispose`. */
  another(): Promise<Storage>;
  dispose(): Promise<void>;
}

interface Backend {
  name: string;
  skip?: string;
  durable: boolean;
  /** Several processes may write at once (capabilities.multiNode). */
  multiNode: boolean;
  /** Once per suite, before its first test / after its last. */
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
  lease(): Promise<Lease>;
}

const PG_URL = process.env.TEST_POSTGRES_URL;
let schemaCounter = 0;

function backends(): Backend[] {
  return [
    { name: 'sqlite (memory)', durable: false, multiNode: false, lease: () => leaseOf('sqlite::memory:', {}, { durable: false, migrate: true, cleanup: async () => {} }) },
    {
      name: 'sqlite (file)',
      durable: true,
      multiNode: false,
      lease: () => {
        const dir = mkdtempSync(join(tmpdir(), 'notewave-storage-'));
        return leaseOf(`sqlite://${join(dir, 'nested', 'notewave.db')}`, {}, {
          durable: true,
          migrate: true,
          cleanup: async () => rmSync(dir, { recursive: true, force: true }),
        });
      },
    },
    PG_URL ? postgresBackend(PG_URL) : { name: 'postgres', durable: true, multiNode: true, skip: 'TEST_POSTGRES_URL not set', lease: () => Promise.reject(new Error('skipped')) },
  ];
}

/** Children before parents, so deleting in this order never trips a foreign key. */
const TABLES = ['change_log', 'experiment_exposures', 'experiments', 'experiment_layers', 'reports', 'saves', 'collections', 'likes', 'follows', 'comments', 'sessions', 'notes', 'users', 'events', 'models', 'rate_limits'];

/*
 * Creating and migrating a schema costs a few hundred milliseconds of DDL, so each suite gets one fresh schema,
 * migrated once and dropped at the end, and every test starts from emptied tables and a new connection pool.
 */
function postgresBackend(url: string): Backend {
  const schema = `nw_conf_${process.pid}_${schemaCounter++}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: url });
  return {
    name: 'postgres',
    durable: true,
    multiNode: true,
    async setup() {
      await admin.connect();
      const s = await openStorage(url, { schema });
      try {
        if ((await s.migrate()).length === 0) throw new Error(`schema ${schema} was not fresh`);
      } finally {
        await s.close();
      }
    },
    async teardown() {
      try {
        await admin.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await admin.end();
      }
    },
    async lease() {
      await admin.query(TABLES.map((t) => `delete from ${schema}.${t};`).join(' '));
      return leaseOf(url, { schema }, { durable: true, migrate: false, cleanup: async () => {} });
    },
  };
}

interface LeaseSpec {
  durable: boolean;
  /** False when the suite's setup already migrated the schema. */
  migrate: boolean;
  cleanup(): Promise<void>;
}

async function leaseOf(url: string, opts: { schema?: string }, spec: LeaseSpec): Promise<Lease> {
  const { durable, cleanup } = spec;
  const others: Storage[] = [];
  const lease: Lease = {
    storage: await openStorage(url, { ...opts, migrate: spec.migrate }),
    url,
    durable,
    async reopen() {
      await lease.storage.close();
      lease.storage = await openStorage(url, opts);
      return lease.storage;
    },
    async another() {
      const s = await openStorage(url, opts);
      others.push(s);
      return s;
    },
    async dispose() {
      for (const s of others) await s.close();
      await lease.storage.close();
      await cleanup();
    },
  };
  return lease;
}

export type ConformanceTest = (s: Storage, lease: Lease) => Promise<void>;
export interface ConformanceOptions {
  /** Needs data to outlive close(): skipped on in-memory backends. */
  durable?: boolean;
  /**
   * Writes through two stores at once: skipped on single-writer backends, where two connections in one process
   * interleaving transactions would wait on each other's write lock.
   */
  concurrentWriters?: boolean;
}
export type It = (name: string, fn: ConformanceTest, opts?: ConformanceOptions) => void;

/** Registers `define`'s tests once per backend, under `<suite> on <backend>`. */
export function conformance(suite: string, define: (it: It) => void): void {
  for (const b of backends()) {
    describe(`${suite} on ${b.name}`, () => {
      if (!b.skip && b.setup) before(() => b.setup?.());
      if (!b.skip && b.teardown) after(() => b.teardown?.());
      define((name, fn, opts) => {
        const skip =
          b.skip ??
          (opts?.durable && !b.durable ? 'an in-memory database does not outlive close()' : undefined) ??
          (opts?.concurrentWriters && !b.multiNode ? 'a single-writer backend' : undefined);
        test(name, skip ? { skip } : {}, async () => {
          const lease = await b.lease();
          try {
            await fn(lease.storage, lease);
          } finally {
            await lease.dispose();
          }
        });
      });
    });
  }
}
