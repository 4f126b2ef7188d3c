import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, SeededRng, type EngineEvent, type Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { tokenHash } from '@notewave/server/services/auth.service.ts';
import { JiebaSegmenter } from '@notewave/server/engine/jieba-segmenter.ts';
import { planCommunity, shuffle } from './community.ts';
import { progress } from '@notewave/server/cli/progress.ts';
import { scaleKey, type Scale } from './scale.ts';

/** Signed-in users the HTTP workloads act as; their bearer tokens are derived from the index. */
const SESSION_USERS = 1_000;
const ACTIVE_WINDOW_MS = 7 * 24 * 3600 * 1000;
const BATCH = 5_000;
const EVENT_BATCH = 1_000;

export interface SeededDatabase {
  path: string;
  url: string;
  users: number;
  notes: number;
  follows: number;
  events: number;
  /** When the history ends: servers run on a clock starting here so recency means what it meant. */
  endTime: number;
  /** Active users with an open session; the token of entry i is `benchToken(i)`. */
  sessionUsers: string[];
  seedMs: number;
}

export function benchToken(i: number): string {
  return `nwbench-${i.toString(36).padStart(6, '0')}`;
}

/**
 * A SQLite file holding the generated community at `scale`, cached by scale and seed under `cacheDir`:
 * seeding the full scale takes minutes and every HTTP and start-up workload reads the same data.
 */
export async function seededDatabase(cacheDir: string, scale: Scale, seed: number): Promise<SeededDatabase> {
  mkdirSync(cacheDir, { recursive: true });
  // Notes are stored with their analysed terms, so the file is only valid for the analyser that made them:
  // with another (a changed dictionary, say) start-up would re-analyse every note and measure that instead.
  const analyzer = new Analyzer(new JiebaSegmenter());
  const key = `${scaleKey(scale, seed)}-a${analyzer.version}`;
  const path = join(cacheDir, `${key}.db`);
  const marker = join(cacheDir, `${key}.json`);
  if (existsSync(marker) && existsSync(path)) return JSON.parse(readFileSync(marker, 'utf8')) as SeededDatabase;
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });

  const t0 = performance.now();
  const url = `sqlite://${path}`;
  const storage = await openStorage(url, { migrate: true });
  try {
    const seeded = await seedCommunity(storage, analyzer, scale, seed);
    const db: SeededDatabase = { path, url, ...seeded, seedMs: performance.now() - t0 };
    writeFileSync(marker, JSON.stringify(db));
    return db;
  } finally {
    await storage.close();
  }
}

/** The generated community at `scale` written into an empty (migrated) store, with sessions for active users. */
export async function seedCommunity(storage: Storage, analyzer: Analyzer, scale: Scale, seed: number): Promise<Omit<SeededDatabase, 'path' | 'url' | 'seedMs'>> {
  const community = planCommunity(scale, seed);
  const users = await batched('seed users', scale.users, community.users(), BATCH, (b) => storage.users.insertUsers(b));
  const notes = await batched('seed notes', scale.notes, community.notes(), BATCH, (b) => storage.notes.insertNotes(b, b.map((n) => analyzer.analyzeNote(n))));
  const follows = await batched('seed follows', scale.users * 15, community.follows(), BATCH, (b) => storage.social.insertFollows(b));
  const lastSeen = new Map<string, number>();
  const events = await batched('seed events', scale.events, tap(community.events(), (e) => lastSeen.set(e.userId, e.ts)), EVENT_BATCH, (b) => storage.events.append(b));
  const { endTime } = community.options;
  const active = [...lastSeen].filter(([, ts]) => ts >= endTime - ACTIVE_WINDOW_MS).map(([u]) => u).sort();
  const sessionUsers = shuffle(active, new SeededRng(seed ^ 0x70c3)).slice(0, SESSION_USERS);
  await createSessions(storage, sessionUsers);
  return { users, notes, follows, events, endTime, sessionUsers };
}

async function createSessions(storage: Storage, users: readonly string[]): Promise<void> {
  const now = Date.now();
  for (const [i, userId] of users.entries()) {
    await storage.sessions.createSession({ tokenHash: tokenHash(benchToken(i)), userId, createdAt: now, expiresAt: now + 365 * 86_400_000 });
  }
}

function* tap(events: Iterable<EngineEvent>, see: (e: EngineEvent) => void): Generator<EngineEvent> {
  for (const e of events) {
    see(e);
    yield e;
  }
}

async function batched<T>(label: string, total: number, items: Iterable<T>, size: number, write: (batch: T[]) => Promise<unknown>): Promise<number> {
  const bar = progress(label, total);
  let batch: T[] = [];
  let n = 0;
  for (const x of items) {
    batch.push(x);
    if (batch.length === size) {
      await write(batch);
      n += batch.length;
      batch = [];
      bar.update(n);
    }
  }
  if (batch.length > 0) await write(batch);
  n += batch.length;
  bar.update(n, n);
  bar.stop();
  return n;
}
