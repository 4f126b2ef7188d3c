import { buildCommunity, impress } from './community-fixture.ts';
import { addCoffeeTopic } from './subtopic-fixture.ts';

/**
 * Prints, as JSON, the pages a fixed script of users gets from a freshly built seeded community: searches, reads,
 * saves, pool videos and both surfaces. Run in separate processes, the transcripts must be identical.
 */
export function feedTranscript(seed: number): unknown[] {
  const c = buildCommunity({ seed });
  const g = addCoffeeTopic(c, 20);
  for (let i = 0; i < 6; i++) c.post(`clip${i}`, 'video', 'pets/cats', `猫咪 ${i}`, ['猫咪日常'], 15 + i);
  const out: unknown[] = [];
  for (let k = 0; k < 4; k++) {
    const u = `t${k}`;
    c.engine.addUser({ id: u, market: k % 2 ? 'US' : 'CN', createdAt: c.clock.now() });
    if (k > 0) c.search(u, k % 2 ? 'DeepSeek' : '手冲');
    for (const id of g.gear.slice(k, k + 2)) c.engine.applyEvent(c.ev(u, { type: 'view', noteId: id, portion: 1 }));
    for (const surface of ['discover', 'video']) {
      const page = c.engine.feed({ userId: u, surface, limit: 12, sessionId: `${u}-${surface}` });
      impress(c, u, page.items.map((i) => i.noteId));
      out.push(page.items.map((i) => [i.noteId, i.recId, i.score, i.sources.join('+'), i.reasons.map((r) => r.text).join('|')]));
    }
  }
  return out;
}

if (process.argv[1]?.endsWith('feed-transcript.ts')) process.stdout.write(JSON.stringify(feedTranscript(Number(process.argv[2] ?? 11))));
