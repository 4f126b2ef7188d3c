import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reasonSentence, type Reason, type Taxonomy } from '@notewave/api-client';
import { startTestNode, type TestNode } from '../testing/test-node.ts';

interface Item { note: { id: string; title: string; author: { displayName: string } }; reasons: Reason[] }

const POTTERY_TAGS = ['陶艺', '拉坯', '釉色', '手作', '陶瓷', '素烧'];
// Title runs of two to eight Han characters become sub-topic phrases; some of these read as fragments on their own.
const POTTERY_TITLES = ['拉坯总是歪怎么办', '这款釉色谁最好看', '第一次素烧就裂了', '陶艺工作室体验', '手作杯子上釉', '周末陶艺课记录'];

/** A small Chinese community around pottery, plus a few notes elsewhere; returns the pottery notes and their authors. */
async function community(node: TestNode): Promise<{ pottery: string[]; potter: { id: string; token: string } }> {
  const authors = await Promise.all(Array.from({ length: 5 }, (_, i) => node.register(`potter_${i}`, { market: 'CN', locale: 'zh-CN' })));
  const pottery: string[] = [];
  for (let i = 0; i < 36; i++) {
    const tags = [POTTERY_TAGS[i % 6] as string, POTTERY_TAGS[(i * 5 + 1) % 6] as string, '陶艺'];
    const title = `${POTTERY_TITLES[i % POTTERY_TITLES.length] as string} ${i}`;
    const r = await node.call('POST', '/api/notes', { token: authors[i % 5]!.token, body: { kind: 'image', title, body: title, tags: [...new Set(tags)], category: 'life-hacks/diy' } });
    assert.equal(r.status, 201, r.text);
    pottery.push(r.json.id as string);
  }
  for (let i = 0; i < 24; i++) {
    const category = ['travel/itineraries', 'food/baking', 'fitness/running'][i % 3] as string;
    const r = await node.call('POST', '/api/notes', { token: authors[i % 5]!.token, body: { kind: 'image', title: `weekend notes ${i}`, body: 'notes', tags: ['weekend', '日常'], category } });
    assert.equal(r.status, 201, r.text);
  }
  return { pottery, potter: { id: authors[0]!.user.id, token: authors[0]!.token } };
}

let seq = 0;
async function events(node: TestNode, token: string, list: Record<string, unknown>[]): Promise<void> {
  const r = await node.call('POST', '/api/events', { token, body: { events: list.map((e) => ({ clientEventId: `r${seq++}`, ...e })) } });
  assert.equal(r.status, 200, r.text);
}

/** Three pages of one discover session, asked for as `query` says and with `headers`. */
async function pages(node: TestNode, token: string, query: string, headers: Record<string, string> = {}): Promise<Item[]> {
  const out: Item[] = [];
  let sessionId = '';
  for (let p = 0; p < 3; p++) {
    const r = await node.call('GET', `/api/feed?surface=discover&limit=20${query}${sessionId ? `&sessionId=${sessionId}` : ''}`, { token, headers });
    assert.equal(r.status, 200, r.text);
    sessionId = r.json.sessionId;
    out.push(...(r.json.items as Item[]));
  }
  return out;
}

/** The text with everything a sentence may legitimately quote taken out: the query, tags, titles and the author's name. */
function ownWords(r: Reason, it: Item): string {
  let t = r.text;
  for (const v of [r.params?.query, r.params?.tag, r.params?.title && `${[...r.params.title].slice(0, 18).join('').trimEnd()}`, it.note.author.displayName, r.params?.topic?.startsWith('t:') ? r.params.topic.slice(2) : undefined]) {
    if (v) t = t.split(v).join('');
  }
  return t;
}

test('feed reasons are written in the language asked for, from their codes, naming searches, tags, categories and authors', async () => {
  const node = await startTestNode({ NOTEWAVE_RATE_LIMITS: 'false' });
  try {
    const { pottery, potter } = await community(node);
    const taxonomy = (await node.call('GET', '/api/taxonomy')).json as Taxonomy;
    const reader = await node.register('clay_reader', { market: 'CN', locale: 'zh-CN' });
    assert.equal((await node.call('GET', '/api/search?q=陶艺&limit=10', { token: reader.token })).status, 200);
    await events(node, reader.token, pottery.slice(0, 3).flatMap((noteId) => [{ type: 'open', noteId }, { type: 'view', noteId, portion: 0.95, ms: 40_000 }]));
    for (const id of pottery.slice(3, 5)) assert.ok((await node.call('POST', `/api/notes/${id}/save`, { token: reader.token })).status < 300);
    assert.ok((await node.call('POST', `/api/users/${potter.id}/follow`, { token: reader.token })).status < 300);

    const byLang = {
      zh: await pages(node, reader.token, '&lang=zh'),
      en: await pages(node, reader.token, '&lang=en'),
    };
    const codes = new Set<string>();
    for (const lang of ['zh', 'en'] as const) {
      for (const it of byLang[lang]) {
        for (const r of it.reasons) {
          codes.add(r.code);
          assert.equal(r.text, reasonSentence(r, { taxonomy, authorName: it.note.author.displayName }, lang), `${lang} ${r.code}`);
          const own = ownWords(r, it);
          // No mixed languages: what the sentence says in its own words is all Chinese or all English.
          if (lang === 'zh') assert.doesNotMatch(own, /[A-Za-z]/, `${r.code}: ${r.text}`);
          else assert.doesNotMatch(own, /[\u4e00-\u9fff]/, `${r.code}: ${r.text}`);
          // No category ids, no title phrases.
          assert.doesNotMatch(r.text, /[a-z-]+\/[a-z-]+/, r.text);
          if (r.params?.topic?.startsWith('w:')) assert.ok(!r.text.includes(r.params.topic.slice(2)), r.text);
          for (const phrase of POTTERY_TITLES) assert.ok(!r.text.includes(phrase) || r.code === 'similar', `${r.code}: ${r.text}`);
          if (r.code === 'search') assert.match(r.text, lang === 'zh' ? /^因为你搜索了「陶艺」/ : /^because you searched “陶艺”/);
          if (r.code === 'following') assert.ok(r.text.includes('potter_0'), r.text);
        }
      }
    }
    for (const code of ['search', 'following']) assert.ok(codes.has(code), `no '${code}' reason in ${[...codes].join(', ')}`);
    assert.ok(['saved', 'finished', 'liked', 'popular'].some((c) => codes.has(c)), `no topic reason in ${[...codes].join(', ')}`);

    // Accept-Language decides when `lang` is absent; `lang` wins over it; English when it names neither language.
    const zhByHeader = await pages(node, reader.token, '', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    assert.ok(zhByHeader.flatMap((it) => it.reasons).every((r) => /[\u4e00-\u9fff]/.test(r.text)));
    const enOverHeader = await pages(node, reader.token, '&lang=en', { 'accept-language': 'zh-CN' });
    assert.ok(enOverHeader.flatMap((it) => it.reasons).some((r) => /^because you searched/.test(r.text)));
    const french = await pages(node, reader.token, '', { 'accept-language': 'fr-FR' });
    assert.ok(french.flatMap((it) => it.reasons).every((r) => !/^(因为|你|来自)/.test(r.text)));
    const bad = await node.call('GET', '/api/feed?surface=discover&lang=fr', { token: reader.token });
    assert.equal(bad.status, 400, bad.text);
  } finally {
    await node.close();
  }
});
