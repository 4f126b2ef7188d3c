import type { EngineEvent, StoredEvent } from '../domain/event.ts';
import type { Note, NoteKind } from '../domain/note.ts';
import type { Collection, Comment, Follow, Like, Save } from '../domain/social.ts';
import type { Report, ReportStatus } from '../domain/report.ts';
import type { Role, Suspension, User } from '../domain/user.ts';
import type { NoteTerms } from '../search/analyzer.ts';
import type { Experiment, ExperimentStatus, LayerRange } from '../experiments/experiment.ts';
import type { Exposure } from '../experiments/metrics.ts';

/*
 * Storage ports owned by the engine. Adapters (SQLite, PostgreSQL) live in @notewave/storage and pass one
 * conformance suite. All listing is keyset-paginated by id (`after` = last id of the previous page; with a descending
 * order, the next page holds the ids below it).
 * Conflicts (duplicate handle, duplicate id) throw EngineError('conflict').
 */

export type UserPatch = Partial<Pick<User, 'displayName' | 'locale' | 'market' | 'ageBand' | 'gender' | 'incomeBand'>>;

export interface UserStore {
  createUser(user: User): Promise<void>;
  /** Bulk insert for seeding and importing; one transaction. */
  insertUsers(users: readonly User[]): Promise<void>;
  getUser(id: string): Promise<User | null>;
  /** Missing ids are skipped; order follows `ids` (each user once). */
  getUsers(ids: readonly string[]): Promise<User[]>;
  getUserByHandle(handle: string): Promise<User | null>;
  updateUser(id: string, patch: UserPatch): Promise<User | null>;
  listUsers(after: string | null, limit: number): Promise<User[]>;
  countUsers(): Promise<number>;
  /** Returns false when there is no such account (deleted accounts included). */
  setRole(id: string, role: Role): Promise<boolean>;
  /** Accounts holding `role`, by id; for the few privileged roles, never `user`. */
  listUsersByRole(role: Role): Promise<User[]>;
  /** Suspends (or, with null, reinstates) an account; false when there is no such live account. */
  setSuspension(id: string, suspension: Suspension | null): Promise<boolean>;
  /** Stores a new password hash; false when there is no such live account. */
  setPasswordHash(id: string, passwordHash: string): Promise<boolean>;
}

export type NotePatch = Partial<Pick<Note, 'title' | 'body' | 'tags' | 'category' | 'language' | 'media'>>;

export interface NoteListOptions {
  after?: string | null;
  limit: number;
  authorId?: string;
  kind?: NoteKind;
  includeDeleted?: boolean;
  /** By id, which starts with the creation time: `desc` lists newest first. Default `asc`. */
  order?: 'asc' | 'desc';
}

/** A live note and the analysed form of its text as stored with it (null when it was written without). */
export interface IndexableNote {
  note: Note;
  terms: NoteTerms | null;
}

export interface NoteStore {
  /** `terms`, the note's analysed text (Engine.analyzeNote), are stored beside it for the next start-up. */
  createNote(note: Note, terms?: NoteTerms): Promise<void>;
  /** Bulk insert, one transaction; `terms[i]`, when given, belongs to `notes[i]`. */
  insertNotes(notes: readonly Note[], terms?: readonly (NoteTerms | null)[]): Promise<void>;
  getNote(id: string): Promise<Note | null>;
  /** Missing ids are skipped; order follows `ids`. */
  getNotes(ids: readonly string[]): Promise<Note[]>;
  /** A patch touching title, body or tags drops the stored terms unless it brings new ones. */
  updateNote(id: string, patch: NotePatch, editedAt: number, terms?: NoteTerms): Promise<Note | null>;
  /** Returns false when the note does not exist or was already deleted. */
  softDeleteNote(id: string, at: number): Promise<boolean>;
  listNotes(opts: NoteListOptions): Promise<Note[]>;
  /**
   * Notes edited or deleted at or after `since` (epoch ms), deleted ones included, ascending by id: how nodes
   * sharing a store learn of changes to notes of any age.
   */
  listChangedNotes(since: number, after: string | null, limit: number): Promise<Note[]>;
  countNotes(): Promise<number>;
  /** Live notes with their stored terms, ascending by id: what a starting engine indexes. */
  listIndexableNotes(after: string | null, limit: number): Promise<IndexableNote[]>;
  /** Stores freshly analysed terms for existing notes (ids that are gone are skipped). */
  setNoteTerms(entries: readonly { id: string; terms: NoteTerms }[]): Promise<void>;
  /**
   * Hides (or shows again) every note of an author, as when the account is suspended: a hidden note reads as
   * deleted everywhere, and the change is stamped as an edit at `at` so other nodes see it. Returns the notes
   * whose visibility changed, as they now read.
   */
  setAuthorHidden(authorId: string, hidden: boolean, at: number): Promise<Note[]>;
}

export interface CommentStore {
  /**
   * Stores a new comment; with `event` (the comment as the engine learns it, new to the log), appends it to the event
   * log in the same transaction and returns its seq, so a stored comment is always counted. Null without an event.
   */
  createComment(comment: Comment, event?: EngineEvent): Promise<number | null>;
  /** Bulk insert for seeding and simulation, one transaction; comments whose id is already stored are skipped. */
  insertComments(comments: readonly Comment[]): Promise<void>;
  getComment(id: string): Promise<Comment | null>;
  /** Oldest first. */
  listComments(noteId: string, after: string | null, limit: number): Promise<Comment[]>;
  softDeleteComment(id: string): Promise<boolean>;
}

export interface ReportStore {
  /**
   * Queues a report, unless the same reporter already has an open report on the same target: then that one is
   * returned and nothing is stored.
   */
  createReport(r: Report): Promise<Report>;
  getReport(id: string): Promise<Report | null>;
  /** Reports in one status, oldest first by id. */
  listReports(status: ReportStatus, after: string | null, limit: number): Promise<Report[]>;
  /** Closes an open report; false when it does not exist or is no longer open. */
  closeReport(id: string, status: Exclude<ReportStatus, 'open'>, by: string, at: number): Promise<boolean>;
}

/** What a deleted account leaves behind, so the engine can drop the same things. */
export interface ErasedAccount {
  noteIds: string[];
  follows: { followerId: string; followeeId: string }[];
}

/** Everything one person owns, read for an export, and its erasure. */
export interface AccountStore {
  listCommentsByAuthor(userId: string, after: string | null, limit: number): Promise<Comment[]>;
  listLikesByUser(userId: string, after: string | null, limit: number): Promise<Like[]>;
  /** Every save of the user, across collections, keyset by (collectionId, noteId). */
  listSavesByUser(userId: string, after: { collectionId: string; noteId: string } | null, limit: number): Promise<Save[]>;
  /** The user's own events, ascending by seq. A scan of the log: for exports, never per request. */
  listEventsByUser(userId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  /**
   * In one transaction: notes soft-deleted and comments emptied and deleted; likes, saves, collections, follows
   * both ways, sessions and reports filed by the user removed; events re-attributed to `anonymousId` so counts
   * stay and nothing links them to the person; the account row emptied (handle `tombstoneHandle`, no password,
   * no demographics) and stamped deleted at `at`. Null when there is no such live account.
   */
  eraseAccount(userId: string, opts: { anonymousId: string; tombstoneHandle: string; at: number }): Promise<ErasedAccount | null>;
}

/** One change to the social tables, as `SocialStore.change` makes it. */
export type SocialChange =
  | { kind: 'like'; like: Like }
  | { kind: 'unlike'; userId: string; noteId: string }
  | { kind: 'save'; save: Save }
  /** From one collection, or from all of the user's collections when none is given. */
  | { kind: 'unsave'; userId: string; noteId: string; collectionId?: string }
  | { kind: 'follow'; follow: Follow }
  | { kind: 'unfollow'; followerId: string; followeeId: string };

export interface SocialChangeOutcome {
  /** A row was added or removed. */
  changed: boolean;
  /**
   * The seq the change's event was stored under, or null when the change was not one the engine counts: nothing
   * changed, a save into a second collection, an unsave that leaves the note in another.
   */
  seq: number | null;
}

export interface SocialStore {
  /**
   * Makes one change and, when it is one the engine counts (a new like or follow edge, a removed one, a note's first
   * save by its user, its last unsave), appends `event` to the event log in the same transaction: a change is never
   * stored without its event nor logged without its change, whichever node makes it and wherever a crash falls, so a
   * retried request finds the change made and logs nothing twice. `event` must be new to the log.
   */
  change(c: SocialChange, event: EngineEvent): Promise<SocialChangeOutcome>;
  /** Returns true when the edge is new. */
  follow(f: Follow): Promise<boolean>;
  insertFollows(fs: readonly Follow[]): Promise<void>;
  unfollow(followerId: string, followeeId: string): Promise<boolean>;
  isFollowing(followerId: string, followeeId: string): Promise<boolean>;
  /** When the follow edge was stored, or null when there is none. */
  followedAt(followerId: string, followeeId: string): Promise<number | null>;
  listFollowing(userId: string, after: string | null, limit: number): Promise<Follow[]>;
  listFollowers(userId: string, after: string | null, limit: number): Promise<Follow[]>;
  /** Every follow edge, keyset by (followerId, followeeId); used to rebuild the engine at start-up. */
  scanFollows(after: { followerId: string; followeeId: string } | null, limit: number): Promise<Follow[]>;
  like(l: Like): Promise<boolean>;
  /** Bulk insert, one transaction; likes already stored are skipped (like `like`, without the answer). */
  insertLikes(ls: readonly Like[]): Promise<void>;
  unlike(userId: string, noteId: string): Promise<boolean>;
  hasLiked(userId: string, noteId: string): Promise<boolean>;
  /** When the like was stored, or null when there is none. */
  likedAt(userId: string, noteId: string): Promise<number | null>;
  createCollection(c: Collection): Promise<void>;
  /** Bulk insert, one transaction; collections whose id is already stored are skipped. */
  insertCollections(cs: readonly Collection[]): Promise<void>;
  getCollection(id: string): Promise<Collection | null>;
  listCollections(userId: string): Promise<Collection[]>;
  /**
   * `added` when the note was not yet in that collection; `first` when it was in none of the user's collections
   * before. Decided in one transaction per (user, note), so two nodes saving at once cannot both be first.
   */
  save(s: Save): Promise<{ added: boolean; first: boolean }>;
  /** Bulk insert, one transaction; saves already stored are skipped. Every collection must exist and be its user's. */
  insertSaves(ss: readonly Save[]): Promise<void>;
  /** Whether the note is in any of the user's collections: a note saved into two collections is one save. */
  isSaved(userId: string, noteId: string): Promise<boolean>;
  /**
   * Removes the note from one collection, or from all of the user's collections when none is given. `removed` when
   * a row went; `last` when that left the note in none of the user's collections (decided as in `save`).
   */
  unsave(userId: string, noteId: string, collectionId?: string): Promise<{ removed: boolean; last: boolean }>;
  /** Keyset by note id; `desc` lists the newest notes first. */
  listSaves(userId: string, collectionId: string, after: string | null, limit: number, order?: 'asc' | 'desc'): Promise<Save[]>;
}

export type AppendOutcome =
  | { status: 'stored'; seq: number }
  | { status: 'duplicate'; seq: number }
  /** Not stored: the event holds text the store cannot keep as sent (a NUL, a lone surrogate). Others in the batch are. */
  | { status: 'rejected'; message: string };

export interface EventLog {
  /**
   * Durably appends a batch in one transaction. An event whose (userId, clientEventId) was already stored is
   * not stored again and is reported as a duplicate with the original seq. An event the store cannot keep as sent
   * is reported as rejected and the rest of the batch is stored. Outcomes follow input order.
   */
  append(events: readonly EngineEvent[]): Promise<AppendOutcome[]>;
  /** Events with seq > `afterSeq`, ascending, at most `limit`. */
  readSince(afterSeq: number, limit: number): Promise<StoredEvent[]>;
  /**
   * Highest seq stored, 0 when empty; one index probe, cheap enough for every poll and scrape. Seqs are never
   * reused but may have gaps (rolled-back appends), so it is an upper bound on the number of events, which is
   * what monitoring should report (`notewave_engine_applied_seq` does).
   */
  lastSeq(): Promise<number>;
  /** Exact number of stored events. Costs a scan of the whole log: for tests, tools and reports, never per request. */
  count(): Promise<number>;
}

export interface SessionRecord {
  /** SHA-256 of the bearer token, hex; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export interface SessionStore {
  createSession(s: SessionRecord): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Deletes sessions that expired at or before `now`; returns how many. */
  deleteExpiredSessions(now: number): Promise<number>;
  /** A user's sessions, newest first. */
  listUserSessions(userId: string): Promise<SessionRecord[]>;
  /** Deletes every session of a user except `keepTokenHash`; returns the hashes deleted. */
  deleteUserSessions(userId: string, keepTokenHash?: string): Promise<string[]>;
}

export interface StoredModel {
  name: string;
  version: number;
  createdAt: number;
  meta: Record<string, unknown>;
  bytes: Uint8Array;
}

/** Trained models, serialised, so API nodes load them without retraining. */
export interface ModelStore {
  putModel(name: string, bytes: Uint8Array, meta: Record<string, unknown>, createdAt: number): Promise<number>;
  /** Latest version of a model, or null. */
  getModel(name: string): Promise<StoredModel | null>;
  /** Deletes all but the newest `keep` versions of a model (keep ≥ 1); returns how many were deleted. */
  pruneModels(name: string, keep: number): Promise<number>;
}

/** Hits added to one counter's fixed window, which starts at `windowStart` and may be deleted after `expiresAt`. */
export interface RateHit {
  key: string;
  windowStart: number;
  hits: number;
  expiresAt: number;
}

/**
 * Fixed-window counters shared by every node on the store: request rate limits and failed sign-ins, so N nodes
 * do not allow N times the tries.
 */
export interface RateLimitStore {
  /**
   * Adds each entry's hits to its counter in one statement per chunk and returns each counter's total after the
   * addition, in input order. Entries naming the same counter are added together.
   */
  addHits(hits: readonly RateHit[]): Promise<number[]>;
  /** Current totals of these counters, 0 for a counter never hit; in input order. */
  readHits(counters: readonly { key: string; windowStart: number }[]): Promise<number[]>;
  /** Forgets every window of these keys. */
  clearKeys(keys: readonly string[]): Promise<void>;
  /** Deletes windows that expired at or before `now`; returns how many. */
  purgeExpired(now: number): Promise<number>;
}

/** A status change: applied only when the experiment is in one of `from` (compare-and-set across nodes). */
export interface ExperimentStatusChange {
  from: readonly ExperimentStatus[];
  to: ExperimentStatus;
  at: number;
  /**
   * Called with the ranges the layer's other running or paused experiments hold, while the layer is locked, so two
   * nodes starting experiments in one layer at once never get overlapping ranges. Its result becomes the range.
   */
  allocate?: (taken: LayerRange[]) => LayerRange;
  /** Frees the experiment's range (stopping). */
  release?: boolean;
}

export interface FirstExposure {
  experimentName: string;
  variant: string;
  userId: string;
  ts: number;
}

/** A stored exposure with its position in the experiment's exposure log. */
export type StoredExposure = Exposure & { seq: number };

/** Experiment definitions shared by every node, and the feed pages each served (exposures). */
export interface ExperimentStore {
  /** Names are unique: a second experiment of the same name is a conflict. */
  createExperiment(e: Experiment): Promise<void>;
  getExperiment(id: string): Promise<Experiment | null>;
  getExperimentByName(name: string): Promise<Experiment | null>;
  /** Every experiment, oldest first. */
  listExperiments(): Promise<Experiment[]>;
  /** Running and paused experiments: what serving reads. */
  listLiveExperiments(): Promise<Experiment[]>;
  /** The experiment after the change, or null when it does not exist or is not in one of `from`. */
  changeStatus(id: string, change: ExperimentStatusChange): Promise<Experiment | null>;
  recordExposures(xs: readonly Exposure[]): Promise<void>;
  /** Each signed-in account's first exposure in every experiment, oldest first: what analytics splits by variant. */
  listFirstExposures(): Promise<FirstExposure[]>;
  /** Every experiment's exposures in the order stored, after `afterSeq`: how a node learns what others served. */
  readExposuresSince(afterSeq: number, limit: number): Promise<StoredExposure[]>;
  /** The highest exposure seq stored (0 when none). */
  lastExposureSeq(): Promise<number>;
  /** An experiment's exposures in the order stored, after `afterSeq`. */
  listExposures(experimentId: string, afterSeq: number, limit: number): Promise<StoredExposure[]>;
}

/**
 * What a change-log entry is about: `note` (created, edited, deleted, hidden or shown), `user` (created, renamed,
 * role, suspension, password, erasure), `session` (a token revoked; the entity id is the token's hash) or `model`
 * (a model version stored; the entity id is the model's name).
 */
export type ChangeKind = 'note' | 'user' | 'session' | 'model';

/** One committed change other nodes must apply, numbered in commit order. */
export interface Change {
  seq: number;
  kind: ChangeKind;
  entityId: string;
  createdAt: number;
}

/**
 * The ordered record of entity changes, written in the same transaction as the change itself, so a node that
 * follows it by sequence number misses nothing and needs no clock. Bulk inserts (seeding, imports) are not
 * recorded: nodes load those at start-up.
 */
export interface ChangeLog {
  /** Changes with seq > `afterSeq`, ascending. */
  readSince(afterSeq: number, limit: number): Promise<Change[]>;
  /** The highest seq committed (0 when none). */
  latestSeq(): Promise<number>;
  /** The lowest seq still kept (0 when none): older changes were pruned. */
  oldestSeq(): Promise<number>;
  /**
   * Deletes changes recorded before `before` (ms since the epoch, by the database's clock), always keeping the newest
   * so `latestSeq` still answers; returns how many were deleted. A node further behind than that must start again.
   */
  prune(before: number): Promise<number>;
  /**
   * Calls `onWake` soon after any node commits a change or appends events, where the backend can tell (a hint:
   * read with `readSince`). Resolves to a function that stops watching; a backend that cannot tell never calls.
   */
  watch(onWake: () => void): Promise<() => Promise<void>>;
  /**
   * Calls `onCommit` after this process commits a change or appends events (its own writes only, on every backend),
   * so a bus can carry the wake-up to other nodes. Resolves to a function that stops.
   */
  watchOwnCommits(onCommit: () => void): Promise<() => Promise<void>>;
}

export interface StorageCapabilities {
  /** Human-readable backend name, e.g. `sqlite`, `postgres`. */
  backend: string;
  /** Several server processes may share this store. */
  multiNode: boolean;
}

export interface Storage {
  readonly capabilities: StorageCapabilities;
  readonly users: UserStore;
  readonly notes: NoteStore;
  readonly comments: CommentStore;
  readonly social: SocialStore;
  readonly events: EventLog;
  readonly sessions: SessionStore;
  readonly models: ModelStore;
  readonly reports: ReportStore;
  readonly accounts: AccountStore;
  readonly rateLimits: RateLimitStore;
  readonly experiments: ExperimentStore;
  readonly changes: ChangeLog;
  /** Applies pending versioned migrations; returns the versions applied. */
  migrate(): Promise<string[]>;
  /** Cheap liveness check for /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
