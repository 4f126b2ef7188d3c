import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, type TestNode } from '../testing/test-node.ts';

/** Sub-topics of one topic (pour-over coffee) in one category, told apart only by noisy tags and title phrases. */
const SUBTOPICS = {
  gear: { tags: ['磨豆机', '手冲壶', '滤杯', '电子秤', '器具推荐', '开箱'], phrases: ['平价磨豆机横评', '入门手冲壶怎么选', '滤杯对比', '百元器具清单', '桌面咖啡角'] },
  technique: { tags: ['粉水比', '研磨度', '水温', '萃取', '冲煮参数', '闷蒸'], phrases: ['粉水比怎么调', '研磨度找不准', '水温差三度', '萃取过度怎么办', '闷蒸三十秒'] },
  beans: { tags: ['咖啡豆', '埃塞俄比亚', '浅烘', '产区', '风味', '豆单'], phrases: ['埃塞俄比亚浅烘', '本月豆单', '产区风味笔记', '花香果酸的豆子', '云南咖啡豆'] },
} as const;
type Sub = keyof typeof SUBTOPICS;
const GENERAL = ['新手', '好物分享', '日常', '周末', '打工人'];
const ANGLES = ['周末在家', '上班前', '学生党', '租房党', '第一次尝试', '踩坑记录', '一个月后', '朋友推荐', '雨天', '懒人版'];

/** A small deterministic generator (the test must not depend on the node's seed). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

async function post(node: TestNode, token: string, body: Record<string, unknown>): Promise<string> {
  const r = await node.call('POST', '/api/notes', { token, body });
  assert.equal(r.status, 201, r.text);
  return r.json.id as string;
}

async function events(node: TestNode, token: string, list: Record<string, unknown>[]): Promise<void> {
  const r = await node.call('POST', '/api/events', { token, body: { events: list } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rejected.length, 0, JSON.stringify(r.json.rejected));
}

let eventSeq = 0;
const eid = () => `e${eventSeq++}`;

/** The next `pages` × 20 discover items of one session, impressed as a client would. */
async function discover(node: TestNode, token: string, pages: number): Promise<{ id: string; reasons: { code: string }[]; sources: string[] }[]> {
  const out: { id: string; reasons: { code: string }[]; sources: string[] }[] = [];
  let sessionId: string | undefined;
  for (let p = 0; p < pages; p++) {
    const r = await node.call('GET', `/api/feed?surface=discover&limit=20${sessionId ? `&sessionId=${sessionId}` : ''}`, { token });
    assert.equal(r.status, 200, r.text);
    sessionId = r.json.sessionId;
    const items = r.json.items as { note: { id: string }; reasons: { code: string }[]; sources: string[] }[];
    await events(node, token, items.map((it, position) => ({ type: 'impression', clientEventId: eid(), noteId: it.note.id, position })));
    out.push(...items.map((it) => ({ id: it.note.id, reasons: it.reasons, sources: it.sources })));
  }
  return out;
}

test('over the API: a search narrowed by four reads and three saves, the cold-start cap, and an ignored video', async () => {
  const node = await startTestNode({ NOTEWAVE_RATE_LIMITS: 'false' });
  try {
    const rand = lcg(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const authors = await Promise.all(Array.from({ length: 8 }, (_, i) => node.register(`brewer_${i}`, { market: 'CN', locale: 'zh-CN' })));
    const groups: Record<Sub, string[]> = { gear: [], technique: [], beans: [] };
    for (let i = 0; i < 40; i++) {
      for (const sub of Object.keys(SUBTOPICS) as Sub[]) {
        const own = SUBTOPICS[sub].tags;
        const tags = new Set<string>([pick(own), pick(own)]);
        if (rand() < 1 / 6) tags.add(pick(SUBTOPICS[pick((Object.keys(SUBTOPICS) as Sub[]).filter((s) => s !== sub))].tags));
        if (rand() < 0.85) tags.add('手冲');
        if (rand() < 0.6) tags.add('咖啡');
        if (rand() < 0.5) tags.add(pick(GENERAL));
        const title = `${rand() < 0.6 ? '手冲' : '咖啡'}${pick(SUBTOPICS[sub].phrases)} ${i + 1}｜${pick(ANGLES)}`;
        groups[sub].push(await post(node, pick(authors).token, { kind: 'image', title, body: `${title} ${[...tags].map((t) => `#${t}`).join(' ')}`, tags: [...tags], category: 'food/drinks' }));
      }
    }
    for (let i = 0; i < 40; i++) {
      const cat = pick(['fitness/running', 'home/organizing', 'study/career', 'food/baking', 'travel/hotels']);
      await post(node, pick(authors).token, { kind: 'image', title: `${cat.split('/')[1]} 日记 ${i}｜${pick(ANGLES)}`, body: '记录', tags: [pick(GENERAL), pick(GENERAL)], category: cat });
    }
    const coffee = new Map<string, Sub>();
    for (const sub of Object.keys(groups) as Sub[]) for (const id of groups[sub]) coffee.set(id, sub);
    const share = (items: { id: string }[], sub: Sub) => {
      const topic = items.filter((it) => coffee.has(it.id));
      return { mine: topic.filter((it) => coffee.get(it.id) === sub).length, topic: topic.length };
    };

    // Narrowing: search, four complete reads of technique notes, 40 items; three saves, 40 more.
    const reader = await node.register('reader', { market: 'CN', locale: 'zh-CN' });
    assert.equal((await node.call('GET', '/api/search?q=手冲&limit=10', { token: reader.token })).status, 200);
    const read = groups.technique.slice(0, 4);
    await events(node, reader.token, read.flatMap((noteId) => [{ type: 'open', clientEventId: eid(), noteId }, { type: 'view', clientEventId: eid(), noteId, portion: 0.95, ms: 40_000 }]));
    const afterReads = share(await discover(node, reader.token, 2), 'technique');
    for (const id of groups.technique.slice(4, 7)) assert.equal((await node.call('POST', `/api/notes/${id}/save`, { token: reader.token })).status < 300, true);
    const afterSaves = share(await discover(node, reader.token, 2), 'technique');
    // The same four reads and three saves before the first page, by a second reader: the sequence above runs short of
    // unseen technique notes (40 in all, 38 of them shown, read or saved by then).
    const second = await node.register('second_reader', { market: 'CN', locale: 'zh-CN' });
    assert.equal((await node.call('GET', '/api/search?q=手冲&limit=10', { token: second.token })).status, 200);
    await events(node, second.token, groups.technique.slice(10, 14).flatMap((noteId) => [{ type: 'open', clientEventId: eid(), noteId }, { type: 'view', clientEventId: eid(), noteId, portion: 0.95, ms: 40_000 }]));
    for (const id of groups.technique.slice(14, 17)) assert.equal((await node.call('POST', `/api/notes/${id}/save`, { token: second.token })).status < 300, true);
    const readAndSaved = share(await discover(node, second.token, 2), 'technique');

    // Cold start: brand-new users' first 40 items, among notes all posted today.
    let onlyNew = 0;
    let total = 0;
    for (let k = 0; k < 3; k++) {
      const u = await node.register(`newcomer_${k}`, { market: 'CN', locale: 'zh-CN' });
      for (const it of await discover(node, u.token, 2)) {
        total++;
        if (it.reasons.every((r) => r.code === 'fresh' || r.code === 'new_creator')) onlyNew++;
      }
    }

    // An ignored video: 40 viewers are shown it eight times each and never play it.
    const clipper = await node.register('clipper', { market: 'CN', locale: 'zh-CN' });
    // More videos than a page holds, or every video is on every page.
    for (let i = 0; i < 40; i++) {
      const cat = pick(['pets/cats', 'pets/dogs', 'music-dance/covers', 'comedy/memes']);
      await post(node, pick(authors).token, { kind: 'video', title: `${cat.split('/')[1]} 视频 ${i}｜${pick(ANGLES)}`, body: '视频', tags: [cat.split('/')[1] as string], category: cat });
    }
    const idle = await post(node, clipper.token, { kind: 'video', title: '没人看完的段子', body: '段子', tags: ['冷笑话'], category: 'comedy/skits' });
    for (let v = 0; v < 40; v++) {
      const u = await node.register(`idler_${v}`, { market: 'CN', locale: 'zh-CN' });
      await events(node, u.token, Array.from({ length: 8 }, () => ({ type: 'impression', clientEventId: eid(), noteId: idle, position: 0 })));
    }
    let reached = 0;
    for (let k = 0; k < 20; k++) {
      const u = await node.register(`viewer_${k}`, { market: 'CN', locale: 'zh-CN' });
      const r = await node.call('GET', '/api/feed?surface=video&limit=20', { token: u.token });
      if ((r.json.items as { note: { id: string } }[]).some((it) => it.note.id === idle)) reached++;
    }

    const pct = (a: number, b: number) => `${a}/${b} = ${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
    console.log(`technique share of coffee items: after search + 4 reads ${pct(afterReads.mine, afterReads.topic)}; after 3 saves ${pct(afterSaves.mine, afterSaves.topic)}; search + 4 reads + 3 saves before the first page ${pct(readAndSaved.mine, readAndSaved.topic)}`);
    console.log(`brand-new users' first 40 items there only for being new: ${pct(onlyNew, total)}`);
    console.log(`ignored video (320 impressions) in new users' video feeds: ${pct(reached, 20)}`);
    assert.ok(afterReads.topic >= 15 && afterReads.mine >= 0.5 * afterReads.topic, `after reads ${pct(afterReads.mine, afterReads.topic)}`);
    assert.ok(readAndSaved.topic >= 15 && readAndSaved.mine >= 0.5 * readAndSaved.topic, `reads and saves ${pct(readAndSaved.mine, readAndSaved.topic)}`);
    assert.ok(onlyNew <= 0.25 * total, `only new ${pct(onlyNew, total)}`);
    assert.ok(reached <= 4, `ignored video reached ${pct(reached, 20)}`);
  } finally {
    await node.close();
  }
});
