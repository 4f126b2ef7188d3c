import assert from 'node:assert/strict';
import { NOTE, type TestNode } from './test-node.ts';

/** Waits until `check` holds on the other node, polling every few ms; returns how long that took, or fails past `boundMs`. */
export async function within(what: string, check: () => boolean | Promise<boolean>, boundMs: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > boundMs) assert.fail(`${what}: not visible on the other node within ${boundMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** The p-th percentile of ascending `sorted` (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Writes `count` notes on `a` one after another and measures, for each, how long after the write was acknowledged `b`'s
 * engine had it; ascending milliseconds.
 */
export async function noteVisibility(a: TestNode, b: TestNode, token: string, count: number, boundMs: number): Promise<number[]> {
  const delays: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await a.call('POST', '/api/notes', { token, body: { ...NOTE, title: `Walk number ${i}` } });
    assert.equal(res.status, 201);
    delays.push(await within(`note ${i}`, () => b.engine.catalog.get(res.json.id)?.deleted === false, boundMs));
  }
  return delays.sort((x, y) => x - y);
}
