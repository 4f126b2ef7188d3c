import type { Migration } from '../backend-profile.ts';

/*
 * Keys and handles use COLLATE "C" so keyset paging orders by bytes, exactly as SQLite does, whatever locale the
 * database was created with. Timestamps are epoch milliseconds in bigint; the connection parses int8 to number.
 * The events dedupe key leads with the client id for the same write locality as on SQLite.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: '0001_initial',
    statements: [
      `CREATE TABLE users (
        id text COLLATE "C" PRIMARY KEY, handle text COLLATE "C" NOT NULL UNIQUE, display_name text NOT NULL,
        password_hash text, locale text NOT NULL, market text NOT NULL, signup_source text NOT NULL, role text NOT NULL,
        age_band text, gender text, income_band text, created_at bigint NOT NULL
      )`,
      `CREATE TABLE notes (
        id text COLLATE "C" PRIMARY KEY, author_id text COLLATE "C" NOT NULL REFERENCES users(id), kind text NOT NULL,
        title text NOT NULL, body text NOT NULL, tags jsonb NOT NULL, category text NOT NULL, language text NOT NULL,
        media jsonb NOT NULL, created_at bigint NOT NULL, edited_at bigint, deleted_at bigint
      )`,
      `CREATE INDEX notes_author_id ON notes (author_id, id)`,
      `CREATE INDEX notes_created_at ON notes (created_at)`,
      `CREATE TABLE comments (
        id text COLLATE "C" PRIMARY KEY, note_id text COLLATE "C" NOT NULL REFERENCES notes(id),
        author_id text COLLATE "C" NOT NULL REFERENCES users(id), parent_id text COLLATE "C", body text NOT NULL,
        created_at bigint NOT NULL, deleted smallint NOT NULL DEFAULT 0
      )`,
      `CREATE INDEX comments_note_created ON comments (note_id, created_at, id)`,
      `CREATE TABLE follows (
        follower_id text COLLATE "C" NOT NULL REFERENCES users(id), followee_id text COLLATE "C" NOT NULL REFERENCES users(id),
        created_at bigint NOT NULL, PRIMARY KEY (follower_id, followee_id)
      )`,
      `CREATE INDEX follows_followee ON follows (followee_id, follower_id)`,
      `CREATE TABLE likes (
        user_id text COLLATE "C" NOT NULL REFERENCES users(id), note_id text COLLATE "C" NOT NULL REFERENCES notes(id),
        created_at bigint NOT NULL, PRIMARY KEY (user_id, note_id)
      )`,
      `CREATE INDEX likes_note ON likes (note_id)`,
      `CREATE TABLE collections (
        id text COLLATE "C" PRIMARY KEY, user_id text COLLATE "C" NOT NULL REFERENCES users(id), name text NOT NULL,
        created_at bigint NOT NULL, UNIQUE (user_id, name), UNIQUE (user_id, id)
      )`,
      `CREATE TABLE saves (
        user_id text COLLATE "C" NOT NULL, note_id text COLLATE "C" NOT NULL REFERENCES notes(id),
        collection_id text COLLATE "C" NOT NULL, created_at bigint NOT NULL, PRIMARY KEY (user_id, collection_id, note_id),
        FOREIGN KEY (user_id, collection_id) REFERENCES collections(user_id, id) ON DELETE CASCADE
      )`,
      `CREATE INDEX saves_user_note ON saves (user_id, note_id)`,
      `CREATE TABLE events (
        seq bigserial PRIMARY KEY, user_id text COLLATE "C" NOT NULL, client_event_id text COLLATE "C" NOT NULL,
        type text NOT NULL, note_id text COLLATE "C", ts bigint NOT NULL, payload jsonb NOT NULL,
        UNIQUE (client_event_id, user_id)
      )`,
      `CREATE TABLE sessions (
        token_hash text COLLATE "C" PRIMARY KEY, user_id text COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at bigint NOT NULL, expires_at bigint NOT NULL
      )`,
      `CREATE INDEX sessions_user ON sessions (user_id)`,
      `CREATE TABLE models (
        name text COLLATE "C" NOT NULL, version integer NOT NULL, bytes bytea NOT NULL, meta jsonb NOT NULL,
        created_at bigint NOT NULL, PRIMARY KEY (name, version)
      )`,
    ],
  },
  {
    // Nodes sharing a store look for notes edited or deleted since their last look; most notes never are.
    version: '0002_note_changes',
    statements: [
      `CREATE INDEX notes_edited_at ON notes (edited_at) WHERE edited_at IS NOT NULL`,
      `CREATE INDEX notes_deleted_at ON notes (deleted_at) WHERE deleted_at IS NOT NULL`,
    ],
  },
  {
    // Expired sessions are purged by expiry time.
    version: '0003_session_expiry',
    statements: [`CREATE INDEX sessions_expires_at ON sessions (expires_at)`],
  },
  {
    // A note's analysed text (search terms per field, stamped with the analyser version), so a restart indexes
    // without segmenting. Null for notes written before, or edited without new terms: those are analysed again.
    version: '0004_note_terms',
    statements: [`ALTER TABLE notes ADD COLUMN terms text`],
  },
  {
    // Operators moderate: suspended accounts (their notes hidden, not deleted, so unsuspending restores them),
    // reports queued for review, and accounts deleted by their owner kept as tombstones for the foreign keys.
    version: '0005_moderation',
    statements: [
      `ALTER TABLE users ADD COLUMN suspended_at bigint`,
      `ALTER TABLE users ADD COLUMN suspension_reason text`,
      `ALTER TABLE users ADD COLUMN suspended_by text COLLATE "C"`,
      `ALTER TABLE users ADD COLUMN deleted_at bigint`,
      `CREATE INDEX users_role ON users (role) WHERE role <> 'user'`,
      `ALTER TABLE notes ADD COLUMN hidden_at bigint`,
      `CREATE INDEX comments_author ON comments (author_id, id)`,
      `CREATE TABLE reports (
        id text COLLATE "C" PRIMARY KEY, reporter_id text COLLATE "C" NOT NULL REFERENCES users(id),
        target_kind text NOT NULL, target_id text COLLATE "C" NOT NULL, reason text NOT NULL, status text NOT NULL,
        created_at bigint NOT NULL, resolved_by text COLLATE "C", resolved_at bigint
      )`,
      `CREATE INDEX reports_status ON reports (status, id)`,
      // One open report per reporter and target: reporting again adds nothing to the queue.
      `CREATE UNIQUE INDEX reports_open_once ON reports (reporter_id, target_kind, target_id) WHERE status = 'open'`,
    ],
  },
  {
    // Fixed-window counters shared by every node: request rate limits and failed sign-ins.
    version: '0006_rate_limits',
    statements: [
      `CREATE TABLE rate_limits (
        key text COLLATE "C" NOT NULL, window_start bigint NOT NULL, hits bigint NOT NULL, expires_at bigint NOT NULL,
        PRIMARY KEY (key, window_start)
      )`,
      `CREATE INDEX rate_limits_expires_at ON rate_limits (expires_at)`,
    ],
  },
  {
    // Experiments shared by every node: definitions (the parts serving filters on as columns, the rest as JSON),
    // one row per layer to lock while a range of it is allocated, and the feed pages each experiment served.
    version: '0007_experiments',
    statements: [
      `CREATE TABLE experiments (
        id text COLLATE "C" PRIMARY KEY, name text COLLATE "C" NOT NULL UNIQUE, status text NOT NULL, surface text NOT NULL,
        layer text COLLATE "C" NOT NULL, range_start integer, range_end integer, created_at bigint NOT NULL, started_at bigint,
        paused_at bigint, stopped_at bigint, definition jsonb NOT NULL
      )`,
      `CREATE INDEX experiments_live ON experiments (status) WHERE status IN ('running', 'paused')`,
      `CREATE TABLE experiment_layers (layer text COLLATE "C" PRIMARY KEY, version bigint NOT NULL)`,
      `CREATE TABLE experiment_exposures (
        seq bigserial PRIMARY KEY, experiment_id text COLLATE "C" NOT NULL REFERENCES experiments(id), variant text NOT NULL,
        unit_id text COLLATE "C" NOT NULL, user_id text COLLATE "C", ts bigint NOT NULL, payload jsonb NOT NULL
      )`,
      `CREATE INDEX experiment_exposures_experiment ON experiment_exposures (experiment_id, seq)`,
    ],
  },
  {
    // Entity changes in commit order (appenders hold a transaction lock), so other nodes follow them by seq.
    version: '0008_change_log',
    statements: [
      `CREATE TABLE change_log (
        seq bigserial PRIMARY KEY, kind text NOT NULL, entity_id text COLLATE "C" NOT NULL,
        created_at bigint NOT NULL DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint
      )`,
    ],
  },
];
