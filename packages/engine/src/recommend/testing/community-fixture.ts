import { Engine } from '../../engine.ts';
import type { EngineEvent } from '../../domain/event.ts';
import type { Note, NoteKind } from '../../domain/note.ts';
import { leafCategoryIds } from '../../domain/taxonomy.ts';
import { ManualClock } from '../../runtime/clock.ts';
import { TimeRandomIds } from '../../runtime/ids.ts';
import { SeededRng } from '../../runtime/rng.ts';
import type { RecommendConfigOverrides } from '../recommend-config.ts';

const DAY = 86_400_000;
const VIDEO_TOPS = new Set(['music-dance', 'comedy', 'pets', 'life-hacks']);

/** Note groups the behaviour tests reason about. */
export interface CommunityGroups {
  /** DeepSeek step-by-step guides (sub-topic 保姆级攻略). */
  guide: string[];
  /** DeepSeek as a coder's power tool (sub-topic 程序员神器). */
  coder: string[];
  /** Other DeepSeek notes. */
  deepseek: string[];
  /** AI notes not about DeepSeek. */
  ai: string[];
  /** Everything else. */
  other: string[];
}

export interface Community {
  engine: Engine;
  clock: ManualClock;
  rng: SeededRng;
  notes: Map<string, Note>;
  groups: CommunityGroups;
  authors: string[];
  /** Users who produced the background history. */
  background: string[];
  /** Builds an event for a user with a fresh client event id, stamped now. */
  ev(userId: string, body: EventBody): EngineEvent;
  /** A search by the user, applied as the server stores it: with the ids the search returns now. */
  search(userId: string, query: string): void;
  /** Adds a note by `authorId` created now. */
  post(authorId: string, kind: NoteKind, category: string, title: string, tags: string[], durationSec?: number): Note;
  /** Adds an image or video note by `authorId` created at `createdAt` (a video lasts 30 s). */
  postAt(authorId: string, kind: NoteKind, category: string, title: string, tags: string[], createdAt: number): Note;
}

type Distribute<U> = U extends unknown ? Omit<U, 'userId' | 'clientEventId' | 'ts'> : never;
export type EventBody = Distribute<EngineEvent>;

/**
 * A small generated community, seeded: ~420 notes over every leaf category, a DeepSeek/AI cluster
 * with two sub-topics, videos from 8 s to 4 min, and two weeks of background engagement that ends
 * two days before "now" (so nothing is trending and nothing is in a traffic pool at the start).
 */
export function buildCommunity(opts: { seed?: number; recommend?: RecommendConfigOverrides; maxLooseTopicKeys?: number } = {}): Community {
  const rng = new SeededRng(opts.seed ?? 7);
  const clock = new ManualClock(Date.UTC(2025, 0, 20));
  const engine = new Engine({ clock, rng: rng.fork('engine'), ids: new TimeRandomIds(clock, rng.fork('ids')) }, { recommend: opts.recommend, maxLooseTopicKeys: opts.maxLooseTopicKeys });
  const notes = new Map<string, Note>();
  const groups: CommunityGroups = { guide: [], coder: [], deepseek: [], ai: [], other: [] };
  const authors = Array.from({ length: 40 }, (_, i) => `author${i}`);
  for (const [i, a] of authors.entries()) engine.addUser({ id: a, market: i % 2 ? 'US' : 'CN', createdAt: clock.now() - 60 * DAY });
  let seq = 0;
  let eventSeq = 0;

  const post = (authorId: string, kind: NoteKind, category: string, title: string, tags: string[], durationSec?: number, createdAt = clock.now()): Note => {
    const id = `n${seq++}`;
    const note: Note = {
      id, authorId, kind, title, body: `${title}. ${tags.map((t) => `#${t}`).join(' ')}`, tags, category,
      language: /[\u4e00-\u9fff]/.test(title) ? 'zh' : 'en',
      media: { images: kind === 'image' ? [{ url: `/img/${id}.png` }] : [], ...(kind === 'video' ? { videoUrl: `/v/${id}.mp4`, durationSec: durationSec ?? 30 } : {}) },
      createdAt, editedAt: null, deleted: false,
    };
    notes.set(id, note);
    engine.upsertNote(note);
    return note;
  };
  const old = () => clock.now() - (3 + rng.next() * 14) * DAY;
  const author = () => rng.pick(authors.slice(0, 36));

  // Titles in a group share their topic words but not their wording, like real notes do (identical templates
  // would be folded together by the near-duplicate reranker).
  const angle = (i: number) => ANGLES[i % ANGLES.length] as string;
  for (let i = 0; i < 30; i++) {
    groups.guide.push(post(author(), 'image', 'tech/ai', `DeepSeek 保姆级攻略 ${i + 1}｜${angle(i)}`, ['deepseek', '保姆级攻略', 'ai'], undefined, old()).id);
    groups.coder.push(post(author(), 'image', 'tech/coding', `DeepSeek 程序员神器 ${i + 1}｜${angle(i + 7)}`, ['deepseek', '程序员神器', 'coding'], undefined, old()).id);
  }
  for (let i = 0; i < 10; i++) groups.deepseek.push(post(author(), 'image', 'tech/ai', `DeepSeek news ${i + 1}: ${angle(i + 3)}`, ['deepseek', 'ai'], undefined, old()).id);
  for (let i = 0; i < 10; i++) groups.ai.push(post(author(), 'image', 'tech/ai', `ChatGPT prompt tips ${i + 1}: ${angle(i + 11)}`, ['chatgpt', 'ai'], undefined, old()).id);
  for (const cat of leafCategoryIds()) {
    const [top, sub] = cat.split('/') as [string, string];
    for (let i = 0; i < 8; i++) {
      const video = VIDEO_TOPS.has(top) ? i < 7 : i < 2;
      const dur = [8, 15, 30, 60, 120, 240][rng.int(6)] as number;
      groups.other.push(post(author(), video ? 'video' : 'image', cat, `${sub} story ${i + 1}: ${angle(i * 5 + sub.length)}`, [sub, top, `${sub}-${i % 3}`], video ? dur : undefined, old()).id);
    }
  }

  const ev = (userId: string, body: EventBody): EngineEvent => ({ ...body, userId, clientEventId: `e${eventSeq++}`, ts: clock.now() } as EngineEvent);

  // Background history: 120 users browse, read and react; ends two days before now.
  const background = Array.from({ length: 120 }, (_, i) => `bg${i}`);
  for (const [i, u] of background.entries()) engine.addUser({ id: u, market: i % 3 ? 'US' : 'CN', createdAt: clock.now() - 30 * DAY });
  const all = [...notes.keys()];
  const end = clock.now();
  clock.set(end - 16 * DAY);
  for (let step = 0; step < 3000; step++) {
    clock.advance((14 * DAY) / 3000);
    const u = rng.pick(background);
    const id = rng.pick(all);
    engine.applyEvent(ev(u, { type: 'impression', noteId: id, position: 0 }));
    if (rng.next() < 0.5) engine.applyEvent(ev(u, { type: 'view', noteId: id, portion: rng.next() }));
    if (rng.next() < 0.1) engine.applyEvent(ev(u, { type: 'like', noteId: id }));
    if (rng.next() < 0.04) engine.applyEvent(ev(u, { type: 'save', noteId: id }));
  }
  clock.set(end);

  const search = (userId: string, query: string): void => engine.applyEvent(engine.withSearchResults(ev(userId, { type: 'search', query, resultIds: [] })));
  return { engine, clock, rng, notes, groups, authors, background, ev, search, post: (a, k, c, t, tags, d) => post(a, k, c, t, tags, d), postAt: (a, k, c, t, tags, at) => post(a, k, c, t, tags, undefined, at) };
}

/** Sends the impressions a client would send for a page. */
export function impress(c: Community, userId: string, noteIds: readonly string[]): void {
  noteIds.forEach((noteId, position) => c.engine.applyEvent(c.ev(userId, { type: 'impression', noteId, position })));
}

/** Distinct wordings for fixture titles: no topic words, no shared bigrams to speak of. */
const ANGLES = [
  'morning routine', 'rainy weekend', 'budget edition', 'after work', 'first try', 'with my mum', 'honest review',
  'city life', 'one month later', 'quick version', 'beginner mistakes', 'late night', 'on a train', 'travel kit',
  'small flat', 'student life', 'zero waste', 'lunch break', 'holiday mode', 'exam season', 'winter notes',
  'summer plan', 'slow living', 'big family', 'solo trip', 'new job', 'cosy corner', 'old phone', 'daily log', 'q and a',
  'top picks', 'myth busting', 'field test', 'side project', 'checklist', 'deep dive', 'cheat sheet',
];
