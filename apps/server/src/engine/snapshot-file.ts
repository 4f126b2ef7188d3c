import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { Engine, readSnapshotHeader, restoreEngineSnapshot, writeEngineSnapshot, type EngineDeps, type EngineOptions, type Storage } from '@notewave/engine';
import type { LoadReport } from './load-engine.ts';

const CHUNK = 4 << 20;

/**
 * Where the engine was when its snapshot was taken: the last event, change-log entry and exposure it had applied, and
 * how many accounts and notes the store held. A start restores it and then reads only what came after.
 */
export interface SnapshotPosition {
  eventSeq: number;
  changeSeq: number;
  exposureSeq: number;
  users: number;
  notes: number;
}

/**
 * `NOTEWAVE_ENGINE_SNAPSHOT` resolved: `off`, a path, or `auto`, which keeps it beside a SQLite database file
 * (`<file>.engine-snapshot`) and has none for an in-memory or PostgreSQL store (nodes there name their own file).
 */
export function snapshotPath(setting: string, databaseUrl: string): string | null {
  if (setting === 'off') return null;
  if (setting !== 'auto') return setting;
  const file = /^sqlite:\/\/(.+)$/.exec(databaseUrl)?.[1];
  return file === undefined || file === ':memory:' ? null : `${file}.engine-snapshot`;
}

/**
 * Writes the engine's snapshot with its position to `path` through a temporary file renamed into place once flushed
 * to disk, so a crash mid-write leaves the previous snapshot (or none), never half of one. Blocks the thread while
 * it writes (about 1 s per 80 MB): it runs when a node shuts down, with nothing left to serve.
 */
export function writeSnapshotFile(path: string, engine: Engine, position: SnapshotPosition): number {
  // One name, so a write cut short (the process killed mid-write) is overwritten by the next rather than left behind.
  const tmp = `${path}.tmp`;
  let bytes = 0;
  const fd = openSync(tmp, 'w');
  try {
    for (const chunk of writeEngineSnapshot(engine, { position })) {
      for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off, chunk.length - off);
      bytes += chunk.length;
    }
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
  return bytes;
}

/**
 * A file's bytes in chunks of `size`, all read into one buffer: a chunk is valid until the next is asked for, which is
 * what `FrameReader` needs (fresh buffers per chunk cost page faults and collections on every megabyte of a restore).
 */
export function* fileChunks(path: string, size = CHUNK): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(size);
    for (;;) {
      const n = readSync(fd, buf, 0, size, null);
      if (n === 0) return;
      yield n === size ? buf : buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs `read` over the file's chunks and closes the file when it returns or throws, whether or not it read to the end
 * (a reader that stops early leaves the generator suspended, and a suspended generator never runs its `finally`).
 */
export function withFileChunks<T>(path: string, read: (chunks: Iterable<Uint8Array>) => T, size = CHUNK): T {
  const chunks = fileChunks(path, size);
  try {
    return read(chunks);
  } finally {
    chunks.return(undefined);
  }
}

export type SnapshotLoad =
  | { ok: true; engine: Engine; report: LoadReport; position: SnapshotPosition }
  /** Why the snapshot cannot be used; the engine is then rebuilt from storage. */
  | { ok: false; reason: string };

/**
 * Builds the engine from the snapshot at `path` when it still describes this store: the same accounts and notes
 * (bulk imports and seeding are not in the change log, so a count that moved means the store changed outside it),
 * every change-log entry since still readable (not pruned), and no log behind the snapshot (a restored backup). The
 * caller then reads the events, changes and exposures after `position`, as a node that fell behind does.
 */
export async function loadFromSnapshot(path: string, storage: Storage, deps: EngineDeps, options: EngineOptions = {}): Promise<SnapshotLoad> {
  if (!existsSync(path)) return { ok: false, reason: 'no snapshot yet' };
  let position: SnapshotPosition;
  try {
    position = positionOf(withFileChunks(path, readSnapshotHeader).meta);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  const [users, notes, eventSeq, changeSeq, oldestChange, exposureSeq] = await Promise.all([
    storage.users.countUsers(),
    storage.notes.countNotes(),
    storage.events.lastSeq(),
    storage.changes.latestSeq(),
    storage.changes.oldestSeq(),
    storage.experiments.lastExposureSeq(),
  ]);
  if (users !== position.users || notes !== position.notes) {
    return { ok: false, reason: `the store holds ${users} accounts and ${notes} notes, the snapshot ${position.users} and ${position.notes}: changed outside the change log (an import or seed)` };
  }
  if (eventSeq < position.eventSeq || changeSeq < position.changeSeq || exposureSeq < position.exposureSeq) {
    return { ok: false, reason: 'the store is behind the snapshot (restored from an older backup?)' };
  }
  if (changeSeq > position.changeSeq && oldestChange > position.changeSeq + 1) {
    return { ok: false, reason: 'changes made since the snapshot were pruned from the change log' };
  }
  const engine = new Engine(deps, options);
  try {
    withFileChunks(path, (chunks) => restoreEngineSnapshot(engine, chunks));
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  const report: LoadReport = { users, notes, analysed: 0, follows: 0, events: 0, lastSeq: position.eventSeq };
  return { ok: true, engine, report, position };
}

function positionOf(meta: Record<string, unknown>): SnapshotPosition {
  const p = meta.position as Record<string, unknown> | undefined;
  const keys = ['eventSeq', 'changeSeq', 'exposureSeq', 'users', 'notes'] as const;
  if (typeof p !== 'object' || p === null || keys.some((k) => !Number.isSafeInteger(p[k]))) throw new Error('the snapshot does not say which log position it covers');
  return Object.fromEntries(keys.map((k) => [k, p[k]])) as unknown as SnapshotPosition;
}
