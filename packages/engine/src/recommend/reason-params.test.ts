import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommunity, impress } from './testing/community-fixture.ts';
import { topicLabel } from './state/topic-keys.ts';
import type { Explanation } from './feed.ts';

const TOPIC_CODES = new Set(['finished', 'saved', 'commented', 'shared', 'liked', 'followed', 'topic', 'popular']);

/** The English text a client would build from the code and parameters alone. */
function rebuild(r: Explanation): string | null {
  const p = r.params ?? {};
  const topic = p.topic ? topicLabel(p.topic, 'en') : '';
  switch (r.code) {
    case 'search': return p.topic ? `you searched '${p.query}' (${topic})` : `you searched '${p.query}'`;
    case 'saved': return `you saved notes on ${topic}`;
    case 'liked': return `you liked notes on ${topic}`;
    case 'finished': return `you finished notes on ${topic}`;
    case 'popular': return `popular in ${topic}`;
    case 'trending': {
      const where = p.market ? `trending in ${p.market}` : 'trending now';
      return p.tag ? `#${p.tag} is ${where}` : where;
    }
    case 'similar': return r.text.startsWith(`similar to '${p.title}' you `) ? r.text : null;
    default: return r.text;
  }
}

test('every reason carries the parameters a client needs to say it in any language', () => {
  const c = buildCommunity({ seed: 3 });
  const u = 'params';
  const market = 'US';
  c.engine.addUser({ id: u, market, createdAt: c.clock.now() });
  const other = c.groups.other;
  c.engine.applyEvent(c.ev(u, { type: 'search', query: 'DeepSeek', resultIds: [] }));
  for (const id of other.slice(100, 103)) c.engine.applyEvent(c.ev(u, { type: 'save', noteId: id }));
  for (const id of other.slice(200, 203)) c.engine.applyEvent(c.ev(u, { type: 'like', noteId: id }));
  for (let i = 0; i < 5; i++) for (const id of [other[100] as string, other[300] as string]) c.engine.applyEvent(c.ev(`co${i}`, { type: 'save', noteId: id }));
  for (let i = 0; i < 30; i++) {
    c.engine.addUser({ id: `t${i}`, market, createdAt: c.clock.now() });
    impress(c, `t${i}`, [other[150] as string]);
    c.engine.applyEvent(c.ev(`t${i}`, { type: 'like', noteId: other[150] as string }));
  }
  const codes = new Set<string>();
  for (const surface of ['discover', 'video']) {
    let sessionId: string | undefined;
    for (let p = 0; p < 4; p++) {
      const page = c.engine.feed({ userId: u, surface, limit: 20, ...(sessionId ? { sessionId } : {}) });
      sessionId = page.sessionId;
      for (const r of page.items.flatMap((it) => it.reasons)) {
        codes.add(r.code);
        if (TOPIC_CODES.has(r.code)) assert.match(r.params?.topic ?? '', /^[cstw]:./, `${r.code}: ${r.text}`);
        if (r.code === 'search') assert.equal(r.params?.query, 'DeepSeek');
        assert.equal(rebuild(r), r.text, `${r.code} ${JSON.stringify(r.params)}`);
      }
    }
  }
  for (const code of ['search', 'saved', 'popular', 'similar']) assert.ok(codes.has(code), `no '${code}' reason seen`);
});
