import assert from 'node:assert/strict';
import { conformance } from './backends.ts';

conformance('RateLimitStore', (it) => {
  it('adds hits per fixed window and returns the totals in input order', async (s) => {
    const w = 1_750_000_000_000;
    assert.deepEqual(await s.rateLimits.addHits([]), []);
    assert.deepEqual(
      await s.rateLimits.addHits([
        { key: 'ip:1', windowStart: w, hits: 1, expiresAt: w + 60_000 },
        { key: 'user:a', windowStart: w, hits: 3, expiresAt: w + 60_000 },
      ]),
      [1, 3],
    );
    // the same counter twice in one call is added together; another window of the same key is its own counter
    assert.deepEqual(
      await s.rateLimits.addHits([
        { key: 'user:a', windowStart: w, hits: 2, expiresAt: w + 60_000 },
        { key: 'ip:1', windowStart: w + 60_000, hits: 5, expiresAt: w + 120_000 },
        { key: 'user:a', windowStart: w, hits: 1, expiresAt: w + 60_000 },
      ]),
      [6, 5, 6],
    );
    assert.deepEqual(
      await s.rateLimits.readHits([
        { key: 'ip:1', windowStart: w },
        { key: 'nobody', windowStart: w },
        { key: 'user:a', windowStart: w },
        { key: 'ip:1', windowStart: w + 60_000 },
      ]),
      [1, 0, 6, 5],
    );
  });

  it('concurrent additions are all counted', async (s) => {
    const w = 1_000;
    await Promise.all(Array.from({ length: 20 }, () => s.rateLimits.addHits([{ key: 'k', windowStart: w, hits: 1, expiresAt: w + 10 }])));
    assert.deepEqual(await s.rateLimits.readHits([{ key: 'k', windowStart: w }]), [20]);
  });

  it('clears keys and purges expired windows', async (s) => {
    await s.rateLimits.addHits([
      { key: 'a', windowStart: 0, hits: 1, expiresAt: 100 },
      { key: 'a', windowStart: 100, hits: 1, expiresAt: 200 },
      { key: 'b', windowStart: 0, hits: 1, expiresAt: 100 },
      { key: 'c', windowStart: 100, hits: 4, expiresAt: 200 },
    ]);
    await s.rateLimits.clearKeys(['a']);
    assert.deepEqual(await s.rateLimits.readHits([{ key: 'a', windowStart: 0 }, { key: 'a', windowStart: 100 }]), [0, 0]);
    assert.equal(await s.rateLimits.purgeExpired(100), 1);
    assert.deepEqual(await s.rateLimits.readHits([{ key: 'b', windowStart: 0 }, { key: 'c', windowStart: 100 }]), [0, 4]);
  });

  it('keys hold any storable text and many counters fit in one call', async (s) => {
    const hits = Array.from({ length: 3_000 }, (_, i) => ({ key: `login:用户${i}\n10.0.0.${i % 256}`, windowStart: 0, hits: 1, expiresAt: 10 }));
    const totals = await s.rateLimits.addHits(hits);
    assert.equal(totals.length, 3_000);
    assert.ok(totals.every((t) => t === 1));
    assert.deepEqual(await s.rateLimits.readHits([hits[2_999]!]), [1]);
  });
});
