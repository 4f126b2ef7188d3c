import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStorage } from '@notewave/storage';
import type { EngineEvent, StoredEvent } from '@notewave/engine';
import { EventInteractions, readEventMatrix } from './event-interactions.ts';

type Body = EngineEvent extends infer E ? (E extends EngineEvent ? Omit<E, 'userId' | 'clientEventId' | 'ts'> : never) : never;

function log(rows: [string, Body][]): StoredEvent[] {
  return rows.map(([userId, body], k) => ({ ...body, userId, clientEventId: `c${k}`, ts: 1_000 + k, seq: k + 1 }) as StoredEvent);
}

/** The matrix as {user: {note: weight}} through the id arrays, independent of index order. */
function asObject(m: ReturnType<EventInteractions['build']>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const { ptr, idx, val } = m.matrix.byUser;
  m.userIds.forEach((u, r) => {
    out[u] = {};
    for (let e = ptr[r]!; e < ptr[r + 1]!; e++) out[u]![m.noteIds[idx[e]!]!] = val[e]!;
  });
  return out;
}

test('positives follow the engine: likes count half, saves, comments, shares and complete views one, take-backs cancel', () => {
  const events = log([
    ['ann', { type: 'like', noteId: 'n1' }],
    ['ann', { type: 'save', noteId: 'n1' }],
    ['ann', { type: 'view', noteId: 'n2', portion: 0.9 }],
    ['ann', { type: 'view', noteId: 'n3', portion: 0.5 }],
    ['ann', { type: 'impression', noteId: 'n4', position: 0 }],
    ['ann', { type: 'open', noteId: 'n4' }],
    ['bob', { type: 'like', noteId: 'n2' }],
    ['bob', { type: 'unlike', noteId: 'n2' }],
    ['bob', { type: 'comment', noteId: 'n5' }],
    ['bob', { type: 'share', noteId: 'n1' }],
    ['cat', { type: 'save', noteId: 'n6' }],
    ['cat', { type: 'unsave', noteId: 'n6' }],
    ['dan', { type: 'unlike', noteId: 'n1' }],
    ['dan', { type: 'follow', targetUserId: 'ann' }],
  ]);
  const acc = new EventInteractions(0.8);
  for (const e of events) acc.add(e);
  const m = acc.build();
  assert.deepEqual(asObject(m), { ann: { n1: 1.5, n2: 1 }, bob: { n5: 1, n1: 1 } });
  // Users and notes left with nothing positive get no index at all.
  assert.deepEqual(m.userIds, ['ann', 'bob']);
  assert.deepEqual(m.noteIds.slice().sort(), ['n1', 'n2', 'n5']);
  assert.equal(m.matrix.nnz, 4);
  assert.equal(m.matrix.nItems, 3);
  assert.equal(m.events, events.length);
  assert.equal(m.lastSeq, events.length);
});

test('the completion threshold is the one passed in', () => {
  const events = log([['ann', { type: 'view', noteId: 'n1', portion: 0.6 }]]);
  const strict = new EventInteractions(0.8), lenient = new EventInteractions(0.5);
  for (const e of events) {
    strict.add(e);
    lenient.add(e);
  }
  assert.equal(strict.build().matrix.nnz, 0);
  assert.equal(lenient.build().matrix.nnz, 1);
});

test('the stored event log is read in pages into the same matrix', async () => {
  const storage = await openStorage('sqlite::memory:');
  try {
    await storage.migrate();
    const events = log(Array.from({ length: 23 }, (_, k): [string, Body] => [`u${k % 4}`, { type: k % 3 ? 'save' : 'like', noteId: `n${k % 7}` }]));
    await storage.events.append(events.map(({ seq: _seq, ...e }) => e as EngineEvent));
    const pages: number[] = [];
    const paged = await readEventMatrix(storage.events, { pageSize: 5, onPage: (n) => pages.push(n) });
    const acc = new EventInteractions();
    for (const e of events) acc.add(e);
    assert.deepEqual(asObject(paged), asObject(acc.build()));
    assert.deepEqual(pages, [5, 10, 15, 20, 23]);
  } finally {
    await storage.close();
  }
});

test('continuing an earlier read gives the matrix a full read gives, take-backs across runs included', async () => {
  const storage = await openStorage('sqlite::memory:');
  try {
    await storage.migrate();
    const events = log([
      ['ann', { type: 'like', noteId: 'n1' }],
      ['ann', { type: 'save', noteId: 'n2' }],
      ['bob', { type: 'like', noteId: 'n1' }],
      ['bob', { type: 'view', noteId: 'n3', portion: 1 }],
      // second run
      ['ann', { type: 'unlike', noteId: 'n1' }],
      ['bob', { type: 'unlike', noteId: 'n1' }],
      ['bob', { type: 'unlike', noteId: 'n1' }],
      ['cat', { type: 'share', noteId: 'n2' }],
      // third run
      ['bob', { type: 'like', noteId: 'n1' }],
      ['bob', { type: 'like', noteId: 'n1' }],
      ['ann', { type: 'comment', noteId: 'n3' }],
    ]);
    const acc = new EventInteractions();
    for (const [from, to] of [[0, 4], [4, 8], [8, 11]] as const) {
      await storage.events.append(events.slice(from, to).map(({ seq: _seq, ...e }) => e as EngineEvent));
      const continued = await readEventMatrix(storage.events, { into: acc, pageSize: 3 });
      const full = await readEventMatrix(storage.events, { pageSize: 3 });
      assert.deepEqual(asObject(continued), asObject(full), `after event ${to}`);
      assert.equal(continued.lastSeq, to);
    }
    assert.equal(acc.size, 5, 'compacted to one entry per pair');
    assert.deepEqual(asObject(acc.build()), { ann: { n2: 1, n3: 1 }, bob: { n3: 1, n1: 0.5 }, cat: { n2: 1 } });
  } finally {
    await storage.close();
  }
});
