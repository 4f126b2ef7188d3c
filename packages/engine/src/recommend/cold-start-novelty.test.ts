import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommunity, impress } from './testing/community-fixture.ts';

const HOUR = 3_600_000;
const WORDS = ['晨跑', '早餐', '通勤', '周末', '露台', '旧物', '改造', '雨夜', '海边', '山里', '小屋', '清单', '复盘', '日记', '灵感', '配色'];
const CATS = ['food/recipes', 'travel/hotels', 'home/decor', 'fitness/yoga', 'beauty/makeup', 'fashion/outfits', 'study/exams', 'pets/dogs'];

test("at most a quarter of a brand-new user's first 40 discover items are there only for being new, and new posts still reach them", () => {
  const c = buildCommunity();
  // A day of 300 new posts by 300 new authors, varied in topic and wording: without a cap they fill ~70% of the page.
  const fresh = new Set<string>();
  for (let i = 0; i < 300; i++) {
    c.clock.advance((24 * HOUR) / 300);
    const cat = CATS[(i * 7) % CATS.length] as string;
    const sub = cat.split('/')[1] as string;
    fresh.add(c.post(`poster${i}`, i % 8 === 0 ? 'video' : 'image', cat, `${WORDS[i % 16]}${WORDS[(i * 5 + 3) % 16]} ${sub} ${i}`, [sub, WORDS[(i * 3) % 16] as string]).id);
  }
  let onlyNew = 0;
  let total = 0;
  let poolItems = 0;
  for (let k = 0; k < 10; k++) {
    const u = `newcomer${k}`;
    c.engine.addUser({ id: u, market: k % 2 ? 'US' : 'CN', createdAt: c.clock.now() });
    for (let p = 0; p < 2; p++) {
      const page = c.engine.feed({ userId: u, surface: 'discover', limit: 20, sessionId: `s${k}` });
      impress(c, u, page.items.map((i) => i.noteId));
      for (const it of page.items) {
        total++;
        if (it.reasons.every((r) => r.code === 'fresh' || r.code === 'new_creator')) onlyNew++;
        if (it.sources.includes('traffic-pool')) poolItems++;
      }
      assert.ok(page.items.some((i) => fresh.has(i.noteId) && i.sources.includes('traffic-pool')), 'each page gives a new post its pool slot');
    }
  }
  assert.equal(total, 400);
  assert.ok(onlyNew <= 0.25 * total, `${onlyNew} of ${total} items only for being new`);
  assert.ok(poolItems >= 20, `${poolItems} traffic-pool items`);
});
