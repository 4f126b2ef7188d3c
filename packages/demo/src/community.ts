import type { Comment, EngineEvent, Follow, Note, User } from '@notewave/engine';
import { commentBody } from './comments.ts';
import { LEAVES } from './content/index.ts';
import { streamEvents } from './events.ts';
import { streamFollows } from './follows.ts';
import { MARKETS } from './markets.ts';
import { buildNotePlan, type NotePlan } from './note-plan.ts';
import { buildNote, noteIdOf, streamNotes } from './notes.ts';
import { resolveOptions, type CommunityOptions, type ResolvedOptions } from './options.ts';
import type { Segment } from './segments.ts';
import { buildUserPlan, INTERESTS_PER_USER, segmentName, type UserPlan } from './user-plan.ts';
import { DEMO_ACCOUNT, streamUsers } from './users.ts';

/** What the generator knows about a user beyond the User record: handy for simulations and analytics checks. */
export interface UserProfile {
  segment: Segment;
  market: string;
  refugee: boolean;
  /** When the user stops being active, or null if they stay. */
  churnAt: number | null;
  /** Leaf categories, strongest first. */
  interests: string[];
}

/**
 * A generated community. Planning (a few typed arrays) happens up front; users, notes, follows and events
 * are generators that produce records on demand, so a million notes never sit in memory at once. Each
 * generator can be iterated again and yields the same records.
 */
export interface DemoCommunity {
  readonly options: Readonly<Omit<ResolvedOptions, 'onProgress'>>;
  readonly userCount: number;
  readonly noteCount: number;
  /** The sign-in account; its passwordHash is null like everyone's, the server hashes `password`. */
  readonly demoAccount: { userId: string; handle: string; password: string };
  /** Users in creation order (index 0 is the demo account). */
  users(): Generator<User>;
  /** Notes in creation order, ids ascending. */
  notes(): Generator<Note>;
  /** The follow graph standing at startTime, grouped by follower. */
  follows(): Generator<Follow>;
  /** The behaviour history over [startTime, endTime), time-ordered. Follow events add edges after startTime. */
  events(): Generator<EngineEvent>;
  /** One note by its index in creation order (random access; the cover server uses it via noteIndexOf). */
  note(index: number): Note;
  /** Index of a generated note id, or -1. */
  noteIndexOf(noteId: string): number;
  /** The Comment record behind a generated comment event (null for any other event). */
  commentFor(event: EngineEvent): Comment | null;
  profileOf(userIndex: number): UserProfile;
  userIndexOf(userId: string): number;
  /** Convenience for small communities: everything materialised. */
  toArrays(): { users: User[]; notes: Note[]; follows: Follow[]; events: EngineEvent[] };
}

/** Plans a deterministic bilingual community: same options, same output, record for record. */
export function generateCommunity(opts: CommunityOptions): DemoCommunity {
  const o = resolveOptions(opts);
  const planned = o.users + o.notes;
  o.onProgress(0, planned, 'plan');
  const users = buildUserPlan(o);
  const notes = buildNotePlan(o, users);
  o.onProgress(planned, planned, 'plan');
  let userIndex: Map<string, number> | null = null;
  const { onProgress: _ignored, ...options } = o;
  return {
    options,
    userCount: users.count,
    noteCount: notes.count,
    demoAccount: { userId: users.ids[0]!, handle: DEMO_ACCOUNT.handle, password: DEMO_ACCOUNT.password },
    users: () => streamUsers(o, users),
    notes: () => streamNotes(o, users, notes),
    follows: () => streamFollows(o, users, notes),
    events: () => streamEvents(o, users, notes),
    note: (i) => {
      if (!(i >= 0 && i < notes.count)) throw new RangeError(`note index ${i} out of range`);
      return buildNote(o, users, notes, i);
    },
    noteIndexOf: (id) => findNote(notes, id),
    commentFor(e) {
      if (e.type !== 'comment' || !e.commentId) return null;
      const n = findNote(notes, e.noteId);
      const u = this.userIndexOf(e.userId);
      if (n < 0 || u < 0) return null;
      const body = commentBody(e.commentId, LEAVES[notes.leaf[n]!]!, users.zh[u] === 1);
      return { id: e.commentId, noteId: e.noteId, authorId: e.userId, parentId: null, body, createdAt: e.ts, deleted: false };
    },
    profileOf: (i) => profile(users, i),
    userIndexOf: (id) => {
      userIndex ??= new Map(users.ids.map((x, i) => [x, i]));
      return userIndex.get(id) ?? -1;
    },
    toArrays() {
      return { users: [...this.users()], notes: [...this.notes()], follows: [...this.follows()], events: [...this.events()] };
    },
  };
}

function profile(users: UserPlan, i: number): UserProfile {
  if (!(i >= 0 && i < users.count)) throw new RangeError(`user index ${i} out of range`);
  const churn = users.churnAt[i]!;
  const interests: string[] = [];
  for (let k = 0; k < INTERESTS_PER_USER; k++) {
    const leaf = LEAVES[users.interests[i * INTERESTS_PER_USER + k]!]!;
    if (!interests.includes(leaf)) interests.push(leaf);
  }
  return {
    segment: segmentName(users, i),
    market: MARKETS[users.market[i]!]!.code,
    refugee: users.refugee[i] === 1,
    churnAt: Number.isFinite(churn) ? churn : null,
    interests,
  };
}

/** Ids end in the base-36 index, so no lookup table is needed; the id is re-derived to reject lookalikes. */
function findNote(notes: NotePlan, id: string): number {
  if (!id.startsWith('n_') || id.length < 15) return -1;
  const i = parseInt(id.slice(11), 36);
  return Number.isInteger(i) && i >= 0 && i < notes.count && noteIdOf(notes, i) === id ? i : -1;
}
