import { parentPort } from 'node:worker_threads';
import type { Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { EventInteractions } from './event-interactions.ts';
import { readHead, refreshModel, SERVED_MODEL, type ServedModelMeta } from './model-refresh.ts';
import type { LoadedModelMessage, RefreshTask, RefreshSummary } from './model-thread.ts';

/*
 * The model's whole life off the serving thread: this worker opens its own connection to the node's database, reads
 * the event log, trains, stores the model, and reads stored models back as bytes for the serving thread to attach.
 * Messages follow WorkerPool's protocol (`{ id, ...task }` → `{ id, result } | { id, error }`).
 */

let storage: Storage | null = null;
let accumulator: EventInteractions | null = null;

type Task =
  | { type: 'open'; databaseUrl: string }
  | ({ type: 'refresh' } & RefreshTask)
  | { type: 'load'; sinceVersion: number }
  | { type: 'close' };

function opened(): Storage {
  if (!storage) throw new Error('the model thread has no database open');
  return storage;
}

async function refresh(task: RefreshTask): Promise<RefreshSummary> {
  if (task.fullRead || !accumulator) accumulator = new EventInteractions(task.completePortion);
  const r = await refreshModel(opened(), {
    model: task.model, seed: task.seed, minInteractions: task.minInteractions, now: () => task.now, accumulator,
  });
  if (!r.stored) return { stored: false, reason: r.reason, interactions: r.interactions, events: r.events };
  return {
    stored: true, version: r.version, kind: r.meta.kind, users: r.meta.userIds.length, notes: r.meta.noteIds.length,
    interactions: r.meta.interactions, events: r.events,
  };
}

/** The stored model when newer than `sinceVersion`, with its ids packed into two strings (one clone each, not one per id). */
async function load(sinceVersion: number): Promise<{ message: LoadedModelMessage | null; transfer: ArrayBuffer[] }> {
  const s = opened();
  const head = await readHead(s);
  if (head && head.version <= sinceVersion) return { message: null, transfer: [] };
  const stored = await s.models.getModel(SERVED_MODEL);
  if (!stored || stored.version <= sinceVersion) return { message: null, transfer: [] };
  const { userIds, noteIds, ...rest } = stored.meta as unknown as ServedModelMeta;
  // A private copy whose buffer can be handed over without copying again (the driver's buffer may be shared).
  const bytes = new Uint8Array(stored.bytes.byteLength);
  bytes.set(stored.bytes);
  return {
    message: { version: stored.version, bytes, meta: rest, userIds: userIds.join('\n'), noteIds: noteIds.join('\n'), users: userIds.length, notes: noteIds.length },
    transfer: [bytes.buffer],
  };
}

parentPort!.on('message', (msg: Task & { id: number }) => {
  const reply = (result: unknown, transfer: ArrayBuffer[] = []) => parentPort!.postMessage({ id: msg.id, result }, transfer);
  const fail = (err: unknown) => parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  switch (msg.type) {
    case 'open':
      openStorage(msg.databaseUrl).then((s) => {
        storage = s;
        reply(true);
      }, fail);
      return;
    case 'refresh':
      refresh(msg).then((r) => reply(r), fail);
      return;
    case 'load':
      load(msg.sinceVersion).then(({ message, transfer }) => reply(message, transfer), fail);
      return;
    case 'close': {
      const s = storage;
      storage = null;
      (s ? s.close() : Promise.resolve()).then(() => reply(true), fail);
      return;
    }
  }
});
