import type { ColumnType, Generated } from 'kysely';

/*
 * Row shapes shared by both backends. JSON columns are written as text; SQLite hands the text back
 * while PostgreSQL's jsonb comes back parsed, so reads go through `decodeJson`.
 * Booleans are stored as 0/1 integers because SQLite has no boolean and better-sqlite3 will not bind one.
 */
type Json = ColumnType<unknown, string, string>;
type Bytes = ColumnType<Uint8Array, Uint8Array, never>;

export interface UsersTable {
  id: string;
  handle: string;
  display_name: string;
  password_hash: string | null;
  locale: string;
  market: string;
  signup_source: string;
  role: string;
  age_band: string | null;
  gender: string | null;
  income_band: string | null;
  created_at: number;
  suspended_at: ColumnType<number | null, number | null | undefined, number | null>;
  suspension_reason: ColumnType<string | null, string | null | undefined, string | null>;
  suspended_by: ColumnType<string | null, string | null | undefined, string | null>;
  deleted_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface NotesTable {
  id: string;
  author_id: string;
  kind: string;
  title: string;
  body: string;
  tags: Json;
  category: string;
  language: string;
  media: Json;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
  /** JSON of the note's NoteTerms, as text on both backends; read only when indexing. */
  terms: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set while the author is suspended: the note reads as deleted until they are reinstated. */
  hidden_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface CommentsTable {
  id: string;
  note_id: string;
  author_id: string;
  parent_id: string | null;
  body: string;
  created_at: number;
  deleted: number;
}

export interface FollowsTable {
  follower_id: string;
  followee_id: string;
  created_at: number;
}

export interface LikesTable {
  user_id: string;
  note_id: string;
  created_at: number;
}

export interface CollectionsTable {
  id: string;
  user_id: string;
  name: string;
  created_at: number;
}

export interface SavesTable {
  user_id: string;
  note_id: string;
  collection_id: string;
  created_at: number;
}

export interface EventsTable {
  seq: Generated<number>;
  user_id: string;
  client_event_id: string;
  type: string;
  note_id: string | null;
  ts: number;
  payload: Json;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface ModelsTable {
  name: string;
  version: number;
  bytes: Bytes;
  meta: Json;
  created_at: number;
}

export interface ReportsTable {
  id: string;
  reporter_id: string;
  target_kind: string;
  target_id: string;
  reason: string;
  status: string;
  created_at: number;
  resolved_by: string | null;
  resolved_at: number | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: number;
  hits: number;
  expires_at: number;
}

export interface ExperimentsTable {
  id: string;
  name: string;
  status: string;
  surface: string;
  layer: string;
  range_start: number | null;
  range_end: number | null;
  created_at: number;
  started_at: number | null;
  paused_at: number | null;
  stopped_at: number | null;
  definition: Json;
}

export interface ExperimentLayersTable {
  layer: string;
  version: number;
}

export interface ExperimentExposuresTable {
  seq: Generated<number>;
  experiment_id: string;
  variant: string;
  unit_id: string;
  user_id: string | null;
  ts: number;
  payload: Json;
}

export interface ChangeLogTable {
  seq: Generated<number>;
  kind: string;
  entity_id: string;
  created_at: Generated<number>;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: number;
}

export interface Database {
  schema_migrations: SchemaMigrationsTable;
  users: UsersTable;
  notes: NotesTable;
  comments: CommentsTable;
  follows: FollowsTable;
  likes: LikesTable;
  collections: CollectionsTable;
  saves: SavesTable;
  events: EventsTable;
  sessions: SessionsTable;
  models: ModelsTable;
  reports: ReportsTable;
  rate_limits: RateLimitsTable;
  experiments: ExperimentsTable;
  experiment_layers: ExperimentLayersTable;
  experiment_exposures: ExperimentExposuresTable;
  change_log: ChangeLogTable;
}

/** Reads a JSON column on either backend (text on SQLite, already parsed jsonb on PostgreSQL). */
export function decodeJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** Drivers hand back Node Buffers; callers get a plain Uint8Array so equality does not depend on the backend. */
export function toUint8Array(v: Uint8Array): Uint8Array {
  return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
}
