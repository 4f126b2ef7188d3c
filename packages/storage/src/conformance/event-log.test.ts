import assert from 'node:assert/strict';
import { EVENT_TYPES, type EngineEvent } from '@notewave/engine/domain/event.ts';
import type { AppendOutcome } from '@notewave/engine';
import { conformance } from './backends.ts';
import { everyEventType, viewEvent } from './fixtures.ts';

conformance('EventLog', (it) => {
  it('stores a batch with increasing seqs in input order', async (s) => {
    assert.deepEqual(await s.events.append([]), []);
    assert.equal(await s.events.lastSeq(), 0);
    const out = await s.events.append([viewEvent('u1', 'a'), viewEvent('u2', 'a'), viewEvent('u1', 'b')]);
    assert.deepEqual(out.map((o) => o.status), ['stored', 'stored', 'stored']);
    const seqs = out.map(seqOf);
    assert.ok(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!, `seqs ${seqs}`);
    assert.equal(await s.events.lastSeq(), seqs[2]);
    assert.equal(await s.events.count(), 3);
  });

  it('reports a retried event as a duplicate with its original seq', async (s) => {
    const [first] = await s.events.append([viewEvent('u1', 'a')]);
    const out = await s.events.append([viewEvent('u1', 'b'), { ...viewEvent('u1', 'a'), ts: 999 }, viewEvent('u2', 'a')]);
    assert.equal(out[0]!.status, 'stored');
    assert.deepEqual(out[1], { status: 'duplicate', seq: seqOf(first!) });
    assert.equal(out[2]!.status, 'stored');
    assert.equal(await s.events.count(), 3);
    const stored = await s.events.readSince(0, 10);
    assert.equal(stored.find((e) => e.clientEventId === 'a' && e.userId === 'u1')?.ts, viewEvent('u1', 'a').ts);
  });

  it('folds repeats inside one batch onto the first occurrence', async (s) => {
    await s.events.append([viewEvent('u1', 'old')]);
    const out = await s.events.append([viewEvent('u1', 'x'), viewEvent('u1', 'x'), viewEvent('u1', 'old'), viewEvent('u1', 'y'), viewEvent('u1', 'x')]);
    assert.deepEqual(out.map((o) => o.status), ['stored', 'duplicate', 'duplicate', 'stored', 'duplicate']);
    assert.equal(seqOf(out[1]!), seqOf(out[0]!));
    assert.equal(seqOf(out[4]!), seqOf(out[0]!));
    assert.equal(await s.events.count(), 3);
  });

  it('refuses events holding a NUL or a lone surrogate one by one and stores the rest of the batch', async (s) => {
    const out = await s.events.append([
      viewEvent('u1', 'good-1'),
      viewEvent('u1', 'bad\uD800'),
      { ...viewEvent('u1', 'bad-note'), noteId: 'n\u0000' } as EngineEvent,
      { ...viewEvent('u1\uDC00', 'bad-user') },
      { ...viewEvent('u1', 'bad-surface'), surface: 'x\u0000' },
      viewEvent('u1', 'good-2'),
    ]);
    assert.deepEqual(out.map((o) => o.status), ['stored', 'rejected', 'rejected', 'rejected', 'rejected', 'stored']);
    const stored = await s.events.readSince(0, 10);
    assert.deepEqual(stored.map((e) => e.clientEventId), ['good-1', 'good-2']);
    // concurrent appends are committed together: a refused event in one must not disturb the other's outcomes
    const [a, b] = await Promise.all([
      s.events.append([viewEvent('u2', 'x\uD800y'), viewEvent('u2', 'ok')]),
      s.events.append([viewEvent('u3', 'ok'), viewEvent('u2', 'ok')]),
    ]);
    assert.deepEqual(a!.map((o) => o.status), ['rejected', 'stored']);
    assert.equal(b![0]!.status, 'stored');
    assert.equal(await s.events.count(), 4);
  });

  it('round-trips every event type exactly', async (s) => {
    const events = everyEventType('u1');
    assert.deepEqual(new Set(events.map((e) => e.type)), new Set(EVENT_TYPES));
    const out = await s.events.append(events);
    const stored = await s.events.readSince(0, 100);
    assert.deepEqual(stored, events.map((e, i) => ({ ...e, seq: seqOf(out[i]!) })));
  });

  it('reads since a seq in ascending order with a limit, across statement chunks', async (s) => {
    const total = 1_234;
    const batch: EngineEvent[] = Array.from({ length: total }, (_, i) => viewEvent(`u${i % 7}`, `c${i}`, i));
    // a duplicate deep inside the batch lands in a later statement chunk than its first occurrence
    batch.push(viewEvent('u3', 'c3'));
    const out = await s.events.append(batch);
    assert.deepEqual(out[total], { status: 'duplicate', seq: seqOf(out[3]!) });
    let after = 0;
    const seen: number[] = [];
    for (;;) {
      const page = await s.events.readSince(after, 300);
      if (page.length === 0) break;
      assert.ok(page.length <= 300);
      seen.push(...page.map((e) => e.ts));
      after = page[page.length - 1]!.seq;
    }
    assert.deepEqual(seen, Array.from({ length: total }, (_, i) => i));
    assert.equal(await s.events.count(), total);
    assert.deepEqual(await s.events.readSince(await s.events.lastSeq(), 10), []);
  });

  it('gives every event of batches of any size the outcome a one-by-one append would', async (s) => {
    // Sizes that split into several statements and leave every kind of tail; each batch repeats one of its own
    // events and one stored by an earlier batch, at positions that fall into different statements.
    const seqOfKey = new Map<string, number>();
    for (const size of [1, 2, 6, 24, 99, 131, 737]) {
      const batch = Array.from({ length: size }, (_, i) => viewEvent(`u${i % 5}`, `s${size}-${i}`, i));
      batch.push(batch[Math.floor(size / 2)]!);
      if (seqOfKey.size > 0) batch.splice(Math.floor(size / 3), 0, viewEvent('u0', 's1-0', 0));
      const out = await s.events.append(batch);
      assert.equal(out.length, batch.length);
      let last = 0;
      batch.forEach((e, i) => {
        const o = out[i]!;
        const key = `${e.userId}/${e.clientEventId}`;
        const known = seqOfKey.get(key);
        if (known === undefined) {
          assert.equal(o.status, 'stored', `${size}: event ${i}`);
          assert.ok(seqOf(o) > last, `${size}: seqs follow input order`);
          last = seqOf(o);
          seqOfKey.set(key, seqOf(o));
        } else assert.deepEqual(o, { status: 'duplicate', seq: known }, `${size}: event ${i}`);
      });
    }
    assert.equal(await s.events.count(), seqOfKey.size);
  });

  it('keeps seqs increasing across batches', async (s) => {
    let last = 0;
    for (let b = 0; b < 5; b++) {
      const out = await s.events.append(Array.from({ length: 20 }, (_, i) => viewEvent('u1', `b${b}-${i}`)));
      for (const o of out) {
        assert.ok(seqOf(o) > last);
        last = seqOf(o);
      }
    }
    assert.equal(await s.events.lastSeq(), last);
  });

  it('concurrent appends with overlapping ids store each event once and agree on its seq', async (s) => {
    const batches = [0, 1, 2, 3].map((b) => Array.from({ length: 60 }, (_, i) => viewEvent(`u${i % 3}`, `c${(i + b * 20) % 100}`)));
    const results = await Promise.all(batches.map((batch) => s.events.append(batch)));
    const seqByKey = new Map<string, Set<number>>();
    let stored = 0;
    results.forEach((out, b) =>
      out.forEach((o, i) => {
        const e = batches[b]![i]!;
        const key = `${e.userId}/${e.clientEventId}`;
        seqByKey.set(key, (seqByKey.get(key) ?? new Set()).add(seqOf(o)));
        if (o.status === 'stored') stored++;
      }),
    );
    for (const [key, seqs] of seqByKey) assert.equal(seqs.size, 1, `${key} got seqs ${[...seqs]}`);
    assert.equal(stored, seqByKey.size);
    assert.equal(await s.events.count(), seqByKey.size);
  });
});

function seqOf(o: AppendOutcome): number {
  assert.notEqual(o.status, 'rejected');
  return o.status === 'rejected' ? -1 : o.seq;
}
