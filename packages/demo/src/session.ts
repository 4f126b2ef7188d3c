import type { EngineEvent, SeededRng } from '@notewave/engine';
import { CONTENT, LEAVES } from './content/index.ts';
import type { NoteSampler } from './note-sampler.ts';
import type { NoteIdCache } from './notes.ts';
import type { NotePlan } from './note-plan.ts';
import type { ResolvedOptions } from './options.ts';
import { clamp, logNormal, pickCumulative, poisson, rngFor, STREAM } from './random.ts';
import { SEGMENT_PROFILES, type Segment } from './segments.ts';
import { INTEREST_CUM, INTERESTS_PER_USER, segmentName, type UserPlan } from './user-plan.ts';

/** Shared, mutable state of one event stream: who already liked, saved or followed what. */
export interface SessionContext {
  o: ResolvedOptions;
  users: UserPlan;
  notes: NotePlan;
  sampler: NoteSampler;
  ids: NoteIdCache;
  liked: Set<number>;
  saved: Set<number>;
  /** Followees per user (standing graph plus follows made so far), loaded on first use. */
  followsOf(u: number): Set<number>;
}

type Surface = 'discover' | 'video' | 'search';

const SLOT_AFFINITY = [1, 0.75, 0.55, 0.45];
const OFF_INTEREST = 0.12;
const DISCOVER_PAGE = 10;
const VIDEO_PAGE = 6;
const SEARCH_RESULTS = 12;

/**
 * Writes one visit of one user: an optional search (the funnel's strongest signal), then pages of the
 * discover grid or the immersive video feed. Choices follow the user's interests; how far they read or
 * watch depends on how well the note matches and, for video, on its length. One writer serves a whole
 * stream; each session gets a fresh event array, sorted by time.
 */
export class SessionWriter {
  private rng!: SeededRng;
  private u = 0;
  private userId = '';
  private segment: Segment = 'lifestyle';
  private prefix = '';
  private seq = 0;
  private t = 0;
  private available = 0;
  private out: EngineEvent[] = [];

  constructor(private readonly ctx: SessionContext) {}

  write(u: number, start: number, sessionNo: number): EngineEvent[] {
    const { users, sampler } = this.ctx;
    this.available = sampler.availableAt(start);
    if (this.available === 0) return [];
    this.rng = rngFor(this.ctx.o.seed, STREAM.session, sessionNo);
    this.u = u;
    this.userId = users.ids[u]!;
    this.segment = segmentName(users, u);
    // Ids stay within [A-Za-z0-9_-], the set URL patterns elsewhere accept.
    this.prefix = sessionNo.toString(36) + '-';
    this.seq = 0;
    this.t = start;
    this.out = [];
    const profile = SEGMENT_PROFILES[this.segment];
    if (this.rng.next() < profile.searchRate) this.search();
    const surface: Surface = this.rng.next() < (this.segment === 'entertainment' ? 0.75 : 0.15) ? 'video' : 'discover';
    const pages = 1 + poisson(this.rng, 1.5 * profile.sessionLength * (users.refugee[u] === 1 ? 1.3 : 1));
    let position = 0;
    for (let p = 0; p < pages; p++) position = this.feedPage(surface, position);
    const out = this.out;
    out.sort(byTs);
    return out;
  }

  private cid(): string {
    return this.prefix + (this.seq++).toString(36);
  }

  private interestLeaf(): number {
    return this.ctx.users.interests[this.u * INTERESTS_PER_USER + pickCumulative(this.rng, INTEREST_CUM)]!;
  }

  private search(): void {
    const { users, ids } = this.ctx;
    const rng = this.rng;
    const leaf = rng.next() < 0.85 ? this.interestLeaf() : rng.int(LEAVES.length);
    const c = CONTENT[leaf]!;
    const queries = users.zh[this.u] === 1 ? c.zhQueries : c.enQueries;
    // Query popularity is Zipf-like: each leaf lists its head query first (DeepSeek, 护肤, 杭州旅行…).
    const query = queries[Math.min(queries.length - 1, Math.floor(Math.pow(rng.next(), 2) * queries.length))]!;
    const results = this.searchResults(leaf);
    const searchId = 's' + this.prefix + this.seq.toString(36);
    const resultIds = results.map((n) => ids.of(n));
    this.out.push({ type: 'search', userId: this.userId, clientEventId: this.cid(), ts: this.t, surface: 'search', query, resultIds, searchId });
    this.t += 2000 + rng.int(6000);
    const clicks = results.length === 0 ? 0 : 1 + (rng.next() < 0.45 ? 1 : 0) + (rng.next() < 0.15 ? 1 : 0);
    for (let k = 0; k < clicks; k++) {
      const position = Math.floor(results.length * rng.next() * rng.next());
      const n = results[position]!;
      this.out.push({ type: 'search_click', userId: this.userId, clientEventId: this.cid(), ts: this.t, surface: 'search', noteId: resultIds[position]!, query, searchId, position });
      this.t += 300;
      // A searched-for note matches intent better than its category alone says.
      this.engage(n, 'search', 0.3, true);
    }
  }

  private searchResults(leaf: number): number[] {
    const seen = new Set<number>();
    for (let tries = 0; seen.size < SEARCH_RESULTS && tries < 30; tries++) {
      const n = this.ctx.sampler.inLeaf(this.rng, leaf, this.available);
      if (n < 0) break;
      seen.add(n);
    }
    // Results on the preferred sub-topic rank first, as a tuned search would put them.
    const { users, notes } = this.ctx;
    return [...seen].sort((a, b) => match(users, notes, this.u, b) - match(users, notes, this.u, a));
  }

  private feedPage(surface: Surface, position: number): number {
    const { sampler, ids, users, notes } = this.ctx;
    const rng = this.rng;
    const videoOnly = surface === 'video';
    const size = videoOnly ? VIDEO_PAGE : DISCOVER_PAGE;
    const trendShare = this.segment === 'entertainment' ? 0.3 : 0.15;
    const page: number[] = [];
    const explored: boolean[] = [];
    for (let tries = 0; page.length < size && tries < size * 3; tries++) {
      const r = rng.next();
      const explore = r >= 0.9;
      const n = r < trendShare
        ? sampler.trending(rng, this.t, this.available, videoOnly)
        : sampler.inLeaf(rng, explore ? rng.int(LEAVES.length) : this.interestLeaf(), this.available, videoOnly);
      if (n < 0 || page.includes(n)) continue;
      page.push(n);
      explored.push(explore);
    }
    // The discover grid shows a whole page at once; the immersive feed shows one video per swipe.
    if (!videoOnly) for (let k = 0; k < page.length; k++) this.impression(page[k]!, surface, position + k, explored[k]!);
    for (let k = 0; k < page.length; k++) {
      const n = page[k]!;
      if (videoOnly) this.impression(n, surface, position + k, explored[k]!);
      else this.t += 800 + rng.int(2500);
      this.engage(n, surface, 0, false);
      if (!videoOnly && rng.next() < 0.004 && match(users, notes, this.u, n) < OFF_INTEREST) {
        this.out.push({ type: 'not_interested', userId: this.userId, clientEventId: this.cid(), ts: this.t, surface, targetKind: 'note', target: ids.of(n) });
      }
    }
    return position + page.length;
  }

  private impression(n: number, surface: Surface, position: number, exploration: boolean): void {
    const e: EngineEvent = { type: 'impression', userId: this.userId, clientEventId: this.cid(), ts: this.t, surface, noteId: this.ctx.ids.of(n), position };
    if (exploration) e.exploration = true;
    this.out.push(e);
  }

  private engage(n: number, surface: Surface, boost: number, opened: boolean): void {
    const { users, notes, ids } = this.ctx;
    const rng = this.rng;
    const m = match(users, notes, this.u, n) + boost;
    const noteId = ids.of(n);
    const video = notes.video[n] === 1;
    // The immersive feed plays videos without an open; elsewhere a note must be tapped first.
    if (opened || !video || surface !== 'video') {
      const pOpen = clamp(0.04 + 0.3 * m, 0, 0.85) * (this.segment === 'lifestyle' ? 1.15 : 1);
      if (!opened && rng.next() >= pOpen) return;
      this.out.push({ type: 'open', userId: this.userId, clientEventId: this.cid(), ts: this.t, surface, noteId });
    }
    let portion: number;
    let ms: number;
    if (video) {
      const dur = notes.durationSec[n]! * 1000;
      // Short, well-matched videos get watched through; long ones lose people early.
      const pFull = clamp((0.15 + 0.55 * m) * (0.35 + 0.65 * Math.exp(-dur / 60_000)) * (this.segment === 'entertainment' ? 1.15 : 1), 0.02, 0.95);
      if (rng.next() < pFull) {
        portion = 1;
        ms = Math.round(dur * (rng.next() < 0.15 ? 1 + rng.next() * 1.5 : 1));
      } else {
        portion = clamp(Math.pow(rng.next(), 1.6 - 0.6 * Math.min(m, 1)) * 0.95, 0.02, 0.97);
        ms = Math.round(portion * dur);
      }
    } else {
      // Image notes: portion is how far down the note they scrolled.
      portion = clamp(0.25 + 0.6 * m + 0.2 * rng.normal(), 0.05, 1);
      ms = Math.round(Math.min(300_000, logNormal(rng, 9000 * (0.5 + m), 0.6) * (0.4 + portion)));
    }
    portion = Math.round(portion * 1000) / 1000;
    const from = this.t;
    const end = from + ms;
    this.out.push({ type: 'view', userId: this.userId, clientEventId: this.cid(), ts: end, surface, noteId, portion, ms });
    this.out.push({ type: 'dwell', userId: this.userId, clientEventId: this.cid(), ts: end + 200, surface, noteId, ms: ms + 200 + rng.int(1500) });
    if (notes.author[n] !== this.u) this.react(n, noteId, surface, m * (0.3 + 0.7 * portion), from, end);
    this.t = end + 1500 + rng.int(4000);
  }

  private react(n: number, noteId: string, surface: Surface, w: number, from: number, to: number): void {
    const { ctx, rng, userId } = this;
    const key = this.u * ctx.notes.count + n;
    const ent = this.segment === 'entertainment';
    if (rng.next() < 0.03 + 0.22 * w && !ctx.liked.has(key)) {
      ctx.liked.add(key);
      const ts = Math.floor(from + rng.next() * (to - from));
      this.out.push({ type: 'like', userId, clientEventId: this.cid(), ts, surface, noteId });
      if (rng.next() < 0.015) {
        ctx.liked.delete(key);
        this.out.push({ type: 'unlike', userId, clientEventId: this.cid(), ts: ts + 2000 + rng.int(8000), surface, noteId });
      }
    }
    // Saves (收藏) are the lifestyle and knowledge crowd's bookmark; entertainment viewers rarely save.
    const saveBias = this.segment === 'knowledge' ? 1.5 : this.segment === 'lifestyle' ? 1.3 : 0.5;
    if (rng.next() < (0.015 + 0.15 * w) * saveBias && !ctx.saved.has(key)) {
      ctx.saved.add(key);
      this.out.push({ type: 'save', userId, clientEventId: this.cid(), ts: Math.floor(from + rng.next() * (to - from)), surface, noteId });
    }
    if (rng.next() < 0.004 + 0.03 * w) {
      // The comment id is derived from the client event id, so the Comment record can be rebuilt from the event.
      const clientEventId = this.cid();
      this.out.push({ type: 'comment', userId, clientEventId, ts: to + 3000 + rng.int(30_000), surface, noteId, commentId: 'c_' + clientEventId });
    }
    if (rng.next() < (0.003 + 0.02 * w) * (ent ? 2 : 1)) {
      this.out.push({ type: 'share', userId, clientEventId: this.cid(), ts: to + 500 + rng.int(5000), surface, noteId });
    }
    if (rng.next() < (0.003 + 0.02 * w) * (ent ? 1.5 : 1)) {
      const author = ctx.notes.author[n]!;
      const followed = ctx.followsOf(this.u);
      if (author !== this.u && !followed.has(author)) {
        followed.add(author);
        this.out.push({ type: 'follow', userId, clientEventId: this.cid(), ts: to + 300, surface, targetUserId: ctx.users.ids[author]! });
      }
    }
  }
}

/** How well note n fits user u: interest rank, preferred sub-topic, language, note quality. */
export function match(users: UserPlan, notes: NotePlan, u: number, n: number): number {
  const leaf = notes.leaf[n]!;
  let base = OFF_INTEREST;
  for (let s = 0; s < INTERESTS_PER_USER; s++) {
    const slot = u * INTERESTS_PER_USER + s;
    if (users.interests[slot] === leaf) {
      base = SLOT_AFFINITY[s]! * (users.topics[slot] === notes.topic[n] ? 1.35 : 1);
      break;
    }
  }
  if (users.zh[u] !== notes.zh[n]) base *= 0.6;
  return Math.min(1.5, base * (0.6 + 0.4 * notes.quality[n]!));
}

function byTs(a: EngineEvent, b: EngineEvent): number {
  return a.ts - b.ts;
}
