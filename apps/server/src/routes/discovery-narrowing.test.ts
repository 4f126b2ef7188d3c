import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCommunity } from '@notewave/demo';
import { openStorage } from '@notewave/storage';
import { seedCommunity } from '../seeding/seed-community.ts';
import { startTestNode, type TestNode } from '../testing/test-node.ts';

/**
 * Four sub-topics of skiing, all filed under one category and told apart only by tags and title phrases, with the
 * noise real posts have: most carry the topic's own tags, some a neighbour's tag, many a general one.
 */
const SUBTOPICS = {
  snowboard: { tags: ['单板', '刻滑', '平花', '换刃', '单板教学', '落叶飘'], phrases: ['单板换刃要领', '刻滑入门', '平花动作拆解', '落叶飘练习', '单板少摔跤'] },
  twinSki: { tags: ['双板', '犁式', '平行转弯', '立刃', '双板教学', '猫跳'], phrases: ['犁式刹车', '平行转弯练习', '双板立刃技巧', '猫跳入门', '双板中级进阶'] },
  resorts: { tags: ['雪场', '崇礼', '北海道', '长白山', '雪票', '滑雪攻略'], phrases: ['崇礼雪场攻略', '北海道粉雪', '长白山三日', '雪票怎么买', '第一次去雪场'] },
  gear: { tags: ['雪板', '雪鞋', '雪镜', '头盔', '滑雪服', '装备推荐'], phrases: ['雪板怎么选', '雪镜对比', '滑雪服平价清单', '头盔推荐', '雪鞋不挤脚'] },
} as const;
type Sub = keyof typeof SUBTOPICS;
const SUBS = Object.keys(SUBTOPICS) as Sub[];
const GENERAL = ['新手', '好物分享', '周末', '冬天', '打卡', 'vlog'];
const ANGLES = ['周末', '学生党', '第一次', '踩坑记录', '三天后', '朋友推荐', '下雪天', '懒人版', '一个人', '带娃'];
const PER_SUBTOPIC = 90;

/** A small deterministic generator (the measurement must not depend on the node's seed). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

let eventSeq = 0;
async function events(node: TestNode, token: string, list: Record<string, unknown>[]): Promise<void> {
  const r = await node.call('POST', '/api/events', { token, body: { events: list.map((e) => ({ clientEventId: `n${eventSeq++}`, ...e })) } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rejected.length, 0, JSON.stringify(r.json.rejected));
}

/** The next `pages` × 20 discover items of one session (a new one unless given), impressed as a client would. */
async function discover(node: TestNode, token: string, pages: number, session?: { id?: string }): Promise<string[]> {
  const out: string[] = [];
  const s = session ?? {};
  for (let p = 0; p < pages; p++) {
    const r = await node.call('GET', `/api/feed?surface=discover&limit=20${s.id ? `&sessionId=${s.id}` : ''}`, { token });
    assert.equal(r.status, 200, r.text);
    s.id = r.json.sessionId;
    const ids = (r.json.items as { note: { id: string } }[]).map((it) => it.note.id);
    await events(node, token, ids.map((noteId, position) => ({ type: 'impression', noteId, position })));
    out.push(...ids);
  }
  return out;
}

const read = (noteId: string) => [{ type: 'open', noteId }, { type: 'view', noteId, portion: 0.95, ms: 45_000 }];

test('over the API on a seeded demo: four reads and three saves of one sub-topic narrow a searched topic within its category', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-narrowing-'));
  const url = `sqlite://${join(dir, 'nw.db')}`;
  const storage = await openStorage(url);
  await storage.migrate();
  await seedCommunity(storage, generateCommunity({ seed: 5, users: 200, notes: 2000, days: 14, eventsPerUser: 30 }), async (p) => p, () => {});
  await storage.close();
  const node = await startTestNode({ NOTEWAVE_DATABASE_URL: url, NOTEWAVE_RATE_LIMITS: 'false' });
  try {
    const rand = lcg(2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const authors = await Promise.all(Array.from({ length: 12 }, (_, i) => node.register(`skier_${i}`, { market: 'CN', locale: 'zh-CN' })));
    const sub = new Map<string, Sub>();
    const bySub: Record<Sub, string[]> = { snowboard: [], twinSki: [], resorts: [], gear: [] };
    for (let i = 0; i < PER_SUBTOPIC; i++) {
      for (const s of SUBS) {
        const own = SUBTOPICS[s].tags;
        const tags = new Set<string>([pick(own)]);
        if (rand() < 0.7) tags.add(pick(own));
        if (rand() < 0.2) tags.add(pick(SUBTOPICS[pick(SUBS.filter((x) => x !== s))].tags));
        if (rand() < 0.8) tags.add('滑雪');
        if (rand() < 0.4) tags.add('雪季');
        if (rand() < 0.5) tags.add(pick(GENERAL));
        const title = `${rand() < 0.6 ? '滑雪' : '雪季'}${pick(SUBTOPICS[s].phrases)} ${i + 1}｜${pick(ANGLES)}`;
        const r = await node.call('POST', '/api/notes', {
          token: pick(authors).token,
          body: { kind: 'image', title, body: `${title} ${[...tags].map((t) => `#${t}`).join(' ')}`, tags: [...tags], category: 'fitness/workouts' },
        });
        assert.equal(r.status, 201, r.text);
        sub.set(r.json.id as string, s);
        bySub[s].push(r.json.id as string);
      }
    }
    // Some community engagement on the new notes, spread evenly, so no sub-topic is popular for its own sake.
    const fans = await Promise.all(Array.from({ length: 8 }, (_, i) => node.register(`snow_fan_${i}`, { market: 'CN', locale: 'zh-CN' })));
    for (const [k, fan] of fans.entries()) {
      await events(node, fan.token, SUBS.flatMap((s) => bySub[s].slice(k * 3, k * 3 + 3).flatMap(read)));
    }

    // The sub-topic the search ranks lowest, so narrowing cannot come from the search alone.
    const probe = await node.register('probe', { market: 'CN', locale: 'zh-CN' });
    const hits = (await node.call('GET', '/api/search?q=滑雪&limit=40', { token: probe.token })).json.hits as { note: { id: string } }[];
    const counts = new Map(SUBS.map((s) => [s, hits.filter((h) => sub.get(h.note.id) === s).length]));
    const target = [...SUBS].sort((a, b) => (counts.get(a) as number) - (counts.get(b) as number))[0] as Sub;
    const share = (ids: string[]) => {
      const topic = ids.filter((id) => sub.has(id));
      return { mine: topic.filter((id) => sub.get(id) === target).length, topic: topic.length };
    };
    const pct = (x: { mine: number; topic: number }) => `${x.mine}/${x.topic} = ${((100 * x.mine) / Math.max(1, x.topic)).toFixed(1)}%`;

    // One reader: search, four complete reads of the target, 40 items; three saves mid-browse, the next 40 of the session.
    const reader = await node.register('snow_reader', { market: 'CN', locale: 'zh-CN' });
    assert.equal((await node.call('GET', '/api/search?q=滑雪&limit=10', { token: reader.token })).status, 200);
    const before = share(await discover(node, reader.token, 2));
    await events(node, reader.token, bySub[target].slice(0, 4).flatMap(read));
    const session: { id?: string } = {};
    const afterReads = share(await discover(node, reader.token, 2, session));
    for (const id of bySub[target].slice(4, 7)) assert.ok((await node.call('POST', `/api/notes/${id}/save`, { token: reader.token })).status < 300);
    const afterSaves = share(await discover(node, reader.token, 2, session));

    // A second reader does the same before their first page.
    const second = await node.register('snow_reader_2', { market: 'CN', locale: 'zh-CN' });
    assert.equal((await node.call('GET', '/api/search?q=滑雪&limit=10', { token: second.token })).status, 200);
    await events(node, second.token, bySub[target].slice(20, 24).flatMap(read));
    const secondReads = share(await discover(node, second.token, 2));
    for (const id of bySub[target].slice(24, 27)) assert.ok((await node.call('POST', `/api/notes/${id}/save`, { token: second.token })).status < 300);
    const secondSaves = share(await discover(node, second.token, 2));

    // And a reader of each sub-topic in turn, on notes no one above has read.
    const each: [Sub, { mine: number; topic: number }, { mine: number; topic: number }][] = [];
    for (const s of SUBS) {
      const shareOf = (ids: string[]) => {
        const topic = ids.filter((id) => sub.has(id));
        return { mine: topic.filter((id) => sub.get(id) === s).length, topic: topic.length };
      };
      const u = await node.register(`reader_of_${s.toLowerCase()}`, { market: 'CN', locale: 'zh-CN' });
      assert.equal((await node.call('GET', '/api/search?q=滑雪&limit=10', { token: u.token })).status, 200);
      await events(node, u.token, bySub[s].slice(40, 44).flatMap(read));
      const reads = shareOf(await discover(node, u.token, 2));
      for (const id of bySub[s].slice(44, 47)) assert.ok((await node.call('POST', `/api/notes/${id}/save`, { token: u.token })).status < 300);
      each.push([s, reads, shareOf(await discover(node, u.token, 2))]);
    }

    console.log(`skiing: ${target} (search ranks it lowest: ${JSON.stringify(Object.fromEntries(counts))})`);
    console.log(`${target} share of skiing items in the next 40: after the search ${pct(before)}; + 4 reads ${pct(afterReads)}; + 3 saves, same session ${pct(afterSaves)}`);
    console.log(`second reader: search + 4 reads ${pct(secondReads)}; + 3 saves ${pct(secondSaves)}`);
    for (const [s, reads, saves] of each) console.log(`a reader of ${s}: search + 4 reads ${pct(reads)}; + 3 saves ${pct(saves)}`);
    const readCases = [['after reads', afterReads], ['second reader after reads', secondReads], ...each.map(([s, r]) => [`${s} after reads`, r] as const)] as const;
    const saveCases = [['after saves', afterSaves], ['second reader after saves', secondSaves], ...each.map(([s, , r]) => [`${s} after saves`, r] as const)] as const;
    for (const [what, x] of readCases) {
      assert.ok(x.topic >= 10 && x.mine >= 0.5 * x.topic, `${what}: ${pct(x)}`);
    }
    for (const [what, x] of saveCases) {
      assert.ok(x.topic >= 10 && x.mine >= 0.7 * x.topic, `${what}: ${pct(x)}`);
    }
  } finally {
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
