import { execFile } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { EventInteractions } from './event-interactions.ts';
import { packIds, sharedCopy } from './id-index.ts';
import { readHead, refreshModel, SERVED_MODEL, type ServedModelMeta } from './model-refresh.ts';
import { MODEL_THREAD_NICE, type LoadedModelMessage, type RefreshTask, type RefreshSummary } from './model-thread.ts';

/*
 * The model's whole life off the serving thread: this worker opens its own connection to the node's database, reads
 * the event log, trains, stores the model, and reads stored models back as bytes for the serving thread to attach.
 * Messages follow WorkerPool's protocol (`{ id, ...task }` → `{ id, result } | { id, error }`).
 */

/**
 * Linux schedules threads one by one and keeps a nice value per thread: this thread lowers its own, so when training and
 * the serving thread both want a core (two cores, with the collector's helpers and the clients beside them), requests
 * get it first and training takes the rest. Elsewhere, or without /proc, the thread keeps the process's priority.
 * Returns the thread's id on Linux.
 */
function lowerOwnPriority(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return null;
    setPriority(tid, MODEL_THREAD_NICE);
    return tid;
  } catch {
    // No procfs, or a sandbox refusing setpriority: training then competes with requests as any thread would.
    return null;
  }
}

/**
 * Moves the thread to Linux's idle scheduling class (SCHED_IDLE), through util-linux's `chrt`: Node has no call for
 * it. A lower nice value alone still leaves training a core of its own: a serving thread woken beside other work queues
 * on its own core rather than taking the training one, for 10-40 ms at a time on two cores. A core running only idle-class
 * work counts as free when a woken thread is placed, and the woken thread takes it at once. Without `chrt`, or where the
 * change is refused, the lower nice value stays. Spawning forks the whole process, which stops its threads briefly;
 * the thread does this once, when it opens, and a node that trains opens it before it serves.
 */
function idleClass(tid: number): Promise<void> {
  return new Promise((resolve) => {
    execFile('chrt', ['--idle', '--pid', '0', String(tid)], { timeout: 5_000 }, () => resolve());
  });
}

const tid = lowerOwnPriority();

let storage: Storage | null = null;
let accumulator: EventInteractions | null = null;

type Task =
  | { type: 'open'; databaseUrl: string; idle: boolean }
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

/**
 * The stored model when newer than `sinceVersion`: its bytes copied into shared memory and its ids packed (in shared
 * memory too), so the serving thread receives it without a copy and only wraps it.
 */
async function load(sinceVersion: number): Promise<LoadedModelMessage | null> {
  const s = opened();
  const head = await readHead(s);
  if (head && head.version <= sinceVersion) return null;
  const stored = await s.models.getModel(SERVED_MODEL);
  if (!stored || stored.version <= sinceVersion) return null;
  const { userIds, noteIds, ...rest } = stored.meta as unknown as ServedModelMeta;
  return { version: stored.version, bytes: sharedCopy(stored.bytes), meta: rest, userIds: packIds(userIds), noteIds: packIds(noteIds) };
}

parentPort!.on('message', (msg: Task & { id: number }) => {
  const reply = (result: unknown) => parentPort!.postMessage({ id: msg.id, result });
  const fail = (err: unknown) => parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  switch (msg.type) {
    case 'open':
      Promise.all([openStorage(msg.databaseUrl), msg.idle && tid !== null ? idleClass(tid) : null]).then(([s]) => {
        storage = s;
        reply(true);
      }, fail);
      return;
    case 'refresh':
      refresh(msg).then((r) => reply(r), fail);
      return;
    case 'load':
      load(msg.sinceVersion).then(reply, fail);
      return;
    case 'close': {
      const s = storage;
      storage = null;
      (s ? s.close() : Promise.resolve()).then(() => reply(true), fail);
      return;
    }
  }
});
