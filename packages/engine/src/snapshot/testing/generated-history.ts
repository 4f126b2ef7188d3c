import type { EngineEvent } from '../../domain/event.ts';
import type { Note, NoteKind } from '../../domain/note.ts';
import { leafCategoryIds } from '../../domain/taxonomy.ts';
import { Engine, type EngineOptions, type EngineUser } from '../../engine.ts';
import { ManualClock } from '../../runtime/clock.ts';
import { TimeRandomIds } from '../../runtime/ids.ts';
import { SeededRng } from '../../runtime/rng.ts';

const DAY = 86_400_000;
export const HISTORY_START = Date.UTC(2025, 2, 3);

/** An engine with the clock, rng and id generator it was built with, so a restored engine can be given the same ones. */
export interface World {
  engine: Engine;
  clock: ManualClock;
  rng: SeededRng;
  ids: TimeRandomIds;
}

/** One step of a history: what the server would apply, at a time of its own. */
export type Step = (w: World) => void;

export function newWorld(seed: number, options?: EngineOptions): World {
  const clock = new ManualClock(HISTORY_START);
  const rng = new SeededRng(seed);
  const ids = new TimeRandomIds(clock, new SeededRng(seed + 1));
  return { engine: new Engine({ clock, rng, ids }, options), clock, rng, ids };
}

/** An engine built fresh over an existing world's clock, rng and ids (a node restarting with the same deps). */
export function sameDeps(w: World, options?: EngineOptions): World {
  return { ...w, engine: new Engine({ clock: w.clock, rng: w.rng, ids: w.ids }, options) };
}

const TAGS: Record<string, string[]> = {
  en: ['hiking', 'matcha', 'skincare', 'budget', 'citywalk', 'coding', 'lantern', 'running', 'vintage', 'recipe'],
  zh: ['露营', '穿搭', '探店', '保姆级攻略', '护肤', '咖啡店', '减脂', '好物', '城市漫步', '宝藏'],
};
const WORDS = ['morning', 'weekend', 'guide', 'review', 'diary', 'first try', 'tips', 'routine', 'haul', 'plan', '一周', '新手', '清单', '分享'];

/**
 * A seeded community history touching every kind of input the engine takes: accounts in three markets (some signing
 * up late), image and video notes over every category, edits and deletions, follows and unfollows, a blocked author,
 * experiment exposures and three weeks of every event type, searches completed with the results they found.
 */
export function generateHistory(seed: number, size: { users: number; notes: number; events: number }): Step[] {
  const rng = new SeededRng(seed);
  const steps: Step[] = [];
  const cats = leafCategoryIds();
  const markets = ['US', 'CN', 'JP'];
  const users: string[] = [];
  const notes: Note[] = [];
  let t = HISTORY_START;
  let cev = 0;
  const at = (ts: number, fn: (e: Engine) => void): void => {
    steps.push((w) => {
      w.clock.set(ts);
      fn(w.engine);
    });
  };
  const addUser = (i: number) => {
    const id = `u${i}`;
    users.push(id);
    const u: EngineUser = { id, market: markets[i % 3] as string, createdAt: t, signupSource: i % 4 ? 'organic' : 'referral', ageBand: i % 5 ? '25-30' : null, gender: null, incomeBand: null };
    at(t, (e) => e.addUser(u));
  };
  const post = (i: number) => {
    const lang = i % 3 === 0 ? 'zh' : 'en';
    const tags = [rng.pick(TAGS[lang] as string[]), rng.pick(TAGS[lang] as string[])].filter((x, k, a) => a.indexOf(x) === k);
    const kind: NoteKind = i % 4 === 0 ? 'video' : 'image';
    const title = `${tags[0]} ${rng.pick(WORDS)} ${rng.pick(WORDS)} ${i}`;
    const note: Note = {
      id: `n${i}`, authorId: rng.pick(users), kind, title, body: `${title} ${tags.map((x) => `#${x}`).join(' ')}`, tags,
      category: rng.pick(cats), language: lang,
      media: kind === 'video' ? { images: [], videoUrl: `/v/${i}.mp4`, durationSec: 10 + rng.int(200) } : { images: [{ url: `/i/${i}.png` }] },
      createdAt: t, editedAt: null, deleted: false,
    };
    notes.push(note);
    at(t, (e) => e.upsertNote(note));
  };
  const initialUsers = Math.ceil(size.users * 0.7);
  for (let i = 0; i < initialUsers; i++) addUser(i);
  for (let i = 0; i < Math.ceil(size.notes / 2); i++) post(i);

  const span = 21 * DAY;
  let nextUser = initialUsers;
  let nextNote = Math.ceil(size.notes / 2);
  for (let k = 0; k < size.events; k++) {
    t += span / size.events;
    const r = rng.next();
    if (r < 0.01 && nextUser < size.users) addUser(nextUser++);
    else if (r < 0.03 && nextNote < size.notes) post(nextNote++);
    else if (r < 0.035 && notes.length > 0) {
      const old = rng.pick(notes);
      const edited: Note = { ...old, title: `${old.title} (updated)`, tags: [...old.tags, 'update'], editedAt: t };
      at(t, (e) => e.upsertNote(edited));
    } else if (r < 0.037 && notes.length > 0) {
      const gone = rng.pick(notes).id;
      at(t, (e) => e.removeNote(gone));
    } else if (r < 0.06) {
      const a = rng.pick(users);
      const b = rng.pick(users);
      const follow = { followerId: a, followeeId: b, createdAt: t };
      const add = rng.next() < 0.85;
      if (a !== b) at(t, (e) => (add ? e.addFollow(follow) : e.removeFollow(a, b)));
    } else if (r < 0.062) {
      const a = rng.pick(users);
      const on = rng.next() < 0.7;
      at(t, (e) => e.setAuthorBlocked(a, on));
    } else if (r < 0.07) {
      const x = { experimentName: 'ranking', variant: rng.next() < 0.5 ? 'control' : 'treatment', userId: rng.pick(users), ts: t };
      at(t, (e) => e.applyExposure(x));
    } else {
      const u = rng.pick(users);
      const n = rng.pick(notes).id;
      const base = { userId: u, clientEventId: `c${cev++}`, ts: t, surface: rng.next() < 0.7 ? 'discover' : 'video' };
      const q = rng.next();
      let body: Record<string, unknown>;
      if (q < 0.3) body = { type: 'impression', noteId: n, position: rng.int(20) };
      else if (q < 0.45) body = { type: 'open', noteId: n };
      else if (q < 0.6) body = { type: 'view', noteId: n, portion: rng.next(), ms: rng.int(120_000) };
      else if (q < 0.65) body = { type: 'dwell', noteId: n, ms: rng.int(60_000) };
      else if (q < 0.72) body = { type: 'like', noteId: n };
      else if (q < 0.74) body = { type: 'unlike', noteId: n };
      else if (q < 0.78) body = { type: 'save', noteId: n };
      else if (q < 0.79) body = { type: 'unsave', noteId: n };
      else if (q < 0.81) body = { type: 'comment', noteId: n, commentId: `m${k}` };
      else if (q < 0.83) body = { type: 'share', noteId: n };
      else if (q < 0.85) body = { type: 'follow', targetUserId: rng.pick(users) };
      else if (q < 0.86) body = { type: 'unfollow', targetUserId: rng.pick(users) };
      else if (q < 0.87) body = { type: 'not_interested', targetKind: rng.pick(['note', 'author', 'tag'] as const), target: n };
      else if (q < 0.875) body = { type: 'report', noteId: n, reason: 'spam' };
      else if (q < 0.95) body = { type: 'search', query: `${rng.pick([...(TAGS.en as string[]), ...(TAGS.zh as string[])])}${rng.next() < 0.3 ? ` ${rng.pick(WORDS)}` : ''}`, resultIds: [] };
      else body = { type: 'search_click', noteId: n, query: 'hiking', position: rng.int(10) };
      const ev = { ...base, ...body } as EngineEvent;
      at(t, (e) => e.applyEvent(e.withSearchResults(ev)));
    }
  }
  return steps;
}
