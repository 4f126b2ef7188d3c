import type { DemoCommunity } from '@notewave/demo';
import { Analyzer, type Collection, type EngineEvent, type Follow, type Note, type NoteTerms, type Storage, type User } from '@notewave/engine';
import { JiebaSegmenter } from '../engine/jieba-segmenter.ts';
import { DEFAULT_COLLECTION } from '../services/reactions.service.ts';

/** The part of a generated community that seeding reads. */
export type DemoCommunityLike = Pick<DemoCommunity, 'users' | 'notes' | 'follows' | 'events' | 'commentFor' | 'demoAccount' | 'userCount' | 'noteCount'>;

const CHUNK = 1_000;

/** A seeded account with the operator role, beside the ordinary `demo` one, so the demo can show moderation and analytics. */
export const DEMO_OPERATOR = { handle: 'operator', password: 'notewave-operator' } as const;


export interface SeedProgress {
  (phase: 'users' | 'notes' | 'follows' | 'events', done: number, total: number): void;
}

export interface SeedReport {
  users: number;
  notes: number;
  follows: number;
  events: number;
  likes: number;
  saves: number;
  comments: number;
}

let analyzer: Analyzer | null = null;

/** The server's analysis of a note (jieba, as `createNode` builds it), as the API stores it beside each note it writes. */
export function analyseNote(n: Note): NoteTerms {
  return (analyzer ??= new Analyzer(new JiebaSegmenter())).analyzeNote(n);
}

/**
 * Writes a generated community into storage the way the API would have: users, notes and the standing follow
 * graph in bulk, then the event history appended to the log in order while the social tables (likes, saves in
 * each user's default collection, follows, comments) follow the events, so lists and counters agree. Notes are
 * stored with their analysed terms, as the API stores them, so a server starting on the data indexes them as stored.
 */
export async function seedCommunity(
  storage: Storage,
  community: DemoCommunityLike,
  hashPassword: (password: string) => Promise<string>,
  onProgress: SeedProgress = () => {},
  analyse: (n: Note) => NoteTerms | null = analyseNote,
): Promise<SeedReport> {
  const report: SeedReport = { users: 0, notes: 0, follows: 0, events: 0, likes: 0, saves: 0, comments: 0 };
  const demoHash = await hashPassword(community.demoAccount.password);

  const found: { demo?: User } = {};
  const users = mapItems(community.users(), (u): User => {
    if (u.id !== community.demoAccount.userId) return u;
    found.demo = { ...u, passwordHash: demoHash, role: 'user' };
    return found.demo;
  });
  report.users = await inChunks(users, (c) => storage.users.insertUsers(c), (n) => onProgress('users', n, community.userCount));
  if (found.demo) await storage.users.createUser(await operatorAccount(found.demo, hashPassword));
  report.notes = await inChunks(community.notes(), (c) => storage.notes.insertNotes(c, c.map(analyse)), (n) => onProgress('notes', n, community.noteCount));
  report.follows = await inChunks(community.follows(), (c) => storage.social.insertFollows(c), (n) => onProgress('follows', n, n));

  const collections = new Map<string, string>();
  const defaultCollection = async (userId: string, at: number): Promise<string> => {
    let id = collections.get(userId);
    if (!id) {
      id = `col_${userId}`;
      const c: Collection = { id, userId, name: DEFAULT_COLLECTION, createdAt: at };
      await storage.social.createCollection(c);
      collections.set(userId, id);
    }
    return id;
  };

  const materialise = async (e: EngineEvent): Promise<void> => {
    switch (e.type) {
      case 'like':
        if (await storage.social.like({ userId: e.userId, noteId: e.noteId, createdAt: e.ts })) report.likes++;
        break;
      case 'unlike':
        await storage.social.unlike(e.userId, e.noteId);
        break;
      case 'save':
        if ((await storage.social.save({ userId: e.userId, noteId: e.noteId, collectionId: await defaultCollection(e.userId, e.ts), createdAt: e.ts })).added) report.saves++;
        break;
      case 'unsave':
        await storage.social.unsave(e.userId, e.noteId);
        break;
      case 'follow':
        await storage.social.follow({ followerId: e.userId, followeeId: e.targetUserId, createdAt: e.ts } satisfies Follow);
        break;
      case 'unfollow':
        await storage.social.unfollow(e.userId, e.targetUserId);
        break;
      case 'comment': {
        const c = community.commentFor(e);
        if (c) {
          await storage.comments.createComment(c);
          report.comments++;
        }
        break;
      }
      default:
        break;
    }
  };
  report.events = await inChunks(
    community.events(),
    async (chunk) => {
      await storage.events.append(chunk);
      for (const e of chunk) await materialise(e);
    },
    (n) => onProgress('events', n, n),
  );
  return report;
}

/** Created beside the demo account (its id sorts right after it), with no demographics and no history. */
async function operatorAccount(demo: User, hashPassword: (password: string) => Promise<string>): Promise<User> {
  return {
    id: `${demo.id}op`,
    handle: DEMO_OPERATOR.handle,
    displayName: 'Community operator',
    passwordHash: await hashPassword(DEMO_OPERATOR.password),
    locale: demo.locale,
    market: demo.market,
    signupSource: 'organic',
    role: 'operator',
    ageBand: null,
    gender: null,
    incomeBand: null,
    createdAt: demo.createdAt,
  };
}

function* mapItems<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

async function inChunks<T>(items: Iterable<T>, write: (chunk: T[]) => Promise<void>, progress: (done: number) => void): Promise<number> {
  let chunk: T[] = [];
  let done = 0;
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === CHUNK) {
      await write(chunk);
      done += chunk.length;
      chunk = [];
      progress(done);
    }
  }
  if (chunk.length > 0) await write(chunk);
  done += chunk.length;
  progress(done);
  return done;
}
