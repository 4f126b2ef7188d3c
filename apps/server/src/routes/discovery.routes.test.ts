import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE, startTestNode } from '../testing/test-node.ts';

test('feed pages of one session never repeat a note and carry recommendation ids', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    for (let i = 0; i < 6; i++) {
      await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: `Lake walk ${i}` } });
    }
    const first = await node.call('GET', '/api/feed?surface=discover&limit=3', { token: tom.token });
    assert.equal(first.status, 200);
    assert.ok(first.json.items.length > 0);
    for (const item of first.json.items) {
      assert.ok(item.recId);
      assert.ok(Array.isArray(item.reasons));
      assert.equal(item.note.author.handle, 'mei_lin');
    }
    const second = await node.call('GET', `/api/feed?surface=discover&limit=3&sessionId=${first.json.sessionId}`, { token: tom.token });
    const ids = [...first.json.items, ...second.json.items].map((i: { note: { id: string } }) => i.note.id);
    assert.equal(new Set(ids).size, ids.length);

    const anonymous = await node.call('GET', '/api/feed?surface=discover&limit=3');
    assert.equal(anonymous.status, 200);
  } finally {
    await node.close();
  }
});

test('an unknown strategy is a 400 naming it', async () => {
  const node = await startTestNode();
  try {
    const res = await node.call('GET', '/api/feed?strategy=astrology');
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'unknown_pipeline');
    assert.match(res.json.error.message, /astrology/);
  } finally {
    await node.close();
  }
});

test('search returns notes with highlights and a searchId; filters apply', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, kind: 'video', title: 'Hangzhou by night' } });
    const res = await node.call('GET', '/api/search?q=hangzhou&kind=image');
    assert.equal(res.status, 200);
    assert.ok(res.json.searchId);
    assert.deepEqual(res.json.hits.map((h: { note: { id: string } }) => h.note.id), [note.id]);
    assert.match(res.json.hits[0].highlights.title, /<mark>/i);
    assert.equal((await node.call('GET', '/api/search')).status, 400);
  } finally {
    await node.close();
  }
});

test('a signed-in search is logged once as a search event and steers the next discover page', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    for (let i = 0; i < 8; i++) {
      await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: `Knitting basics ${i}`, body: 'yarn and needles', tags: ['knitting'], category: 'life-hacks/diy' } });
      await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: `DeepSeek prompt guide ${i}`, body: 'DeepSeek step by step', tags: ['deepseek'], category: 'tech/ai' } });
    }
    const before = node.sync.appliedSeq;
    const res = await node.call('GET', '/api/search?q=deepseek&limit=5', { token: tom.token });
    assert.equal(res.status, 200);
    assert.equal(node.sync.appliedSeq, before + 1, 'exactly one search event was stored and applied');
    await node.call('GET', `/api/search?q=deepseek&limit=5&offset=5`, { token: tom.token });
    assert.equal(node.sync.appliedSeq, before + 1, 'later pages of the same search are not logged again');
    const feed = await node.call('GET', '/api/feed?surface=discover&limit=6', { token: tom.token });
    const titles: string[] = feed.json.items.map((i: { note: { title: string } }) => i.note.title);
    const related = titles.filter((t) => t.startsWith('DeepSeek')).length;
    assert.ok(related > titles.length / 2, `feed after searching should lean to DeepSeek: ${titles.join(', ')}`);
    const reasons = feed.json.items.flatMap((i: { reasons: { code: string; text: string }[] }) => i.reasons);
    assert.ok(reasons.some((r: { code: string; text: string }) => r.code === 'search' && /deepseek/i.test(r.text)));
    // Anonymous searches are not anyone's signal.
    await node.call('GET', '/api/search?q=knitting');
    assert.equal(node.sync.appliedSeq, before + 1);
  } finally {
    await node.close();
  }
});
