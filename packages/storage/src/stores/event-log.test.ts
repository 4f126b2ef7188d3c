import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppendOutcome, EngineEvent } from '@notewave/engine';
import type { InsertedEventRow } from '../backend-profile.ts';
import { matchInserted } from './event-log.ts';

const ev = (userId: string, clientEventId: string): EngineEvent => ({ type: 'like', userId, clientEventId, ts: 1, noteId: 'n1' });

/** Batch: a (new), b (already stored), a again, c (new), b again, and a different user's a (new). */
const events = [ev('u1', 'a'), ev('u1', 'b'), ev('u1', 'a'), ev('u1', 'c'), ev('u1', 'b'), ev('u2', 'a')];
const stored: InsertedEventRow[] = [
  { seq: 10, user_id: 'u1', client_event_id: 'a' },
  { seq: 11, user_id: 'u1', client_event_id: 'c' },
  { seq: 12, user_id: 'u2', client_event_id: 'a' },
];

function run(rows: InsertedEventRow[], from = 0, to = events.length) {
  const outcomes = new Array<AppendOutcome | undefined>(events.length);
  const missing: number[] = [];
  matchInserted(rows, { events, from, to, outcomes, missing });
  return { outcomes: Array.from(outcomes), missing };
}

test('rows in input order: the first occurrence of each returned key is stored, the rest are left to look up', () => {
  const { outcomes, missing } = run(stored);
  assert.deepEqual(outcomes, [{ status: 'stored', seq: 10 }, undefined, undefined, { status: 'stored', seq: 11 }, undefined, { status: 'stored', seq: 12 }]);
  assert.deepEqual(missing, [1, 2, 4]);
});

test('rows in any other order give the same answer', () => {
  for (const rows of [[stored[2]!, stored[0]!, stored[1]!], [stored[1]!, stored[0]!, stored[2]!], [stored[2]!, stored[1]!, stored[0]!]]) {
    const { outcomes, missing } = run(rows);
    assert.deepEqual(outcomes, [{ status: 'stored', seq: 10 }, undefined, undefined, { status: 'stored', seq: 11 }, undefined, { status: 'stored', seq: 12 }]);
    assert.deepEqual(missing, [1, 2, 4]);
  }
});

test('rows with seqs as strings (PostgreSQL bigint) and a chunk in the middle of the batch', () => {
  const { outcomes, missing } = run([{ seq: '11' as unknown as number, user_id: 'u1', client_event_id: 'c' }], 2, 5);
  assert.deepEqual(outcomes, [undefined, undefined, undefined, { status: 'stored', seq: 11 }, undefined, undefined]);
  assert.deepEqual(missing, [2, 4]);
});

test('a returned row whose order the walk cannot explain falls back to matching by key', () => {
  // Ascending seqs but a key order that does not follow the input: the walk leaves a row unmatched.
  const rows = [{ seq: 10, user_id: 'u1', client_event_id: 'c' }, { seq: 11, user_id: 'u1', client_event_id: 'a' }];
  const { outcomes, missing } = run(rows, 0, 4);
  assert.deepEqual(outcomes.slice(0, 4), [{ status: 'stored', seq: 11 }, undefined, undefined, { status: 'stored', seq: 10 }]);
  assert.deepEqual(missing, [1, 2]);
});
