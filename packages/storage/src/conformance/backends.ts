import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import type { Storage } from '@notewave/engine';
import { openStorage } from '../open-storage.ts';

/*
 * Every port's conformance tests are written once and registered against each real backend: SQLite in memory and
 * in a temporary file always, PostgreSQL when TEST_POSTGRES_URL names a server. Each test gets a fresh, migrated
 * store (its own temp file, or its own PostgreSQL schema dropped afterwards), so tests never see each other's rows.
 */

/** A fresh store for one test; `reopen` closes it and opens the same data again (durable backends only). */
export interface Lease {
  storage: Storage;
  readonly url: string;
  readonly durable: boolean;
  reopen(): Promise<Storage>;
  dispose(): Promise<void>;
}

interface Backend {
  name: string;
  skip?: string;
  durable: boolean;
  lease(): Promise<Lease>;
}

const PG_URL = process.env.TEST_POSTGRES_URL;
let schemaCounter = 0;

function backends(): Backend[] {
  return [
    { name: 'sqlite (memory)', durable: false, lease: () => leaseOf('sqlite::memory:', {}, false, async () => {}) },
    {
      name: 'sqlite (file)',
      durable: true,
      lease: () => {
        const dir = mkdtempSync(join(tmpdir(), 'notewave-storage-'));
        return leaseOf(`sqlite://${join(dir, 'nested', 'notewave.db')}`, {}, true, async () => rmSync(dir, { recursive: true, force: true }));
      },
    },
    {
      name: 'postgres',
      durable: true,
      ...(PG_URL ? {} : { skip: 'TEST_POSTGRES_URL not set' }),
      lease: () => {
        const schema = `nw_conf_${process.pid}_${schemaCounter++}_${Math.floor(Math.random() * 1e6)}`;
        return leaseOf(PG_URL as string, { schema }, true, () => dropSchema(PG_URL as string, schema));
      },
    },
  ];
}

async function leaseOf(url: string, opts: { schema?: string }, durable: boolean, cleanup: () => Promise<void>): Promise<Lease> {
  const lease: Lease = {
    storage: await openStorage(url, { ...opts, migrate: true }),
    url,
    durable,
    async reopen() {
      await lease.storage.close();
      lease.storage = await openStorage(url, opts);
      return lease.storage;
    },
    async dispose() {
      await lease.storage.close();
      await cleanup();
    },
  };
  return lease;
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

export type ConformanceTest = (s: Storage, lease: Lease) => Promise<void>;
export interface ConformanceOptions {
  /** Needs data to outlive close(): skipped on in-memory backends. */
  durable?: boolean;
}
export type It = (name: string, fn: ConformanceTest, opts?: ConformanceOptions) => void;

/** Registers `define`'s tests once per backend, under `<suite> on <backend>`. */
export function conformance(suite: string, define: (it: It) => void): void {
  for (const b of backends()) {
    describe(`${suite} on ${b.name}`, () => {
      define((name, fn, opts) => {
        const skip = b.skip ?? (opts?.durable && !b.durable ? 'an in-memory database does not outlive close()' : undefined);
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
