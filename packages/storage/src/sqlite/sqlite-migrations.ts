import type { Migration } from '../backend-profile.ts';

/*
 * STRICT tables so a wrong type fails loudly instead of being stored as text. Edge tables with composite keys
 * are WITHOUT ROWID: the primary key is the table, which halves their size. Events keep AUTOINCREMENT so a seq
 * is never reused, which readers tailing the log rely on, and key their dedupe index client id first: time-ordered
 * ids (the server's, ULIDs) then land on the index's last pages, and a batch of 1,000 writes ~170 KiB of WAL instead
 * of ~3.6 MiB when every event touches a different user's leaf page.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: '0001_initial',
    statements: [
      `CREATE TABLE users (
        id TEXT PRIMARY KEY, handle TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, password_hash TEXT,
        locale TEXT NOT NULL, market TEXT NOT NULL, signup_source TEXT NOT NULL, role TEXT NOT NULL,
        age_band TEXT, gender TEXT, income_band TEXT, created_at INTEGER NOT NULL
      ) STRICT`,
      `CREATE TABLE notes (
        id TEXT PRIMARY KEY, author_id TEXT NOT NULL REFERENCES users(id), kind TEXT NOT NULL, title TEXT NOT NULL,
        body TEXT NOT NULL, tags TEXT NOT NULL, category TEXT NOT NULL, language TEXT NOT NULL, media TEXT NOT NULL,
        created_at INTEGER NOT NULL, edited_at INTEGER, deleted_at INTEGER
      ) STRICT`,
      `CREATE INDEX notes_author_id ON notes (author_id, id)`,
      `CREATE INDEX notes_created_at ON notes (created_at)`,
      `CREATE TABLE comments (
        id TEXT PRIMARY KEY, note_id TEXT NOT NULL REFERENCES notes(id), author_id TEXT NOT NULL REFERENCES users(id),
        parent_id TEXT, body TEXT NOT NULL, created_at INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
      ) STRICT`,
      `CREATE INDEX comments_note_created ON comments (note_id, created_at, id)`,
      `CREATE TABLE follows (
        follower_id TEXT NOT NULL REFERENCES users(id), followee_id TEXT NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL, PRIMARY KEY (follower_id, followee_id)
      ) STRICT, WITHOUT ROWID`,
      `CREATE INDEX follows_followee ON follows (followee_id, follower_id)`,
      `CREATE TABLE likes (
        user_id TEXT NOT NULL REFERENCES users(id), note_id TEXT NOT NULL REFERENCES notes(id),
        created_at INTEGER NOT NULL, PRIMARY KEY (user_id, note_id)
      ) STRICT, WITHOUT ROWID`,
      `CREATE INDEX likes_note ON likes (note_id)`,
      `CREATE TABLE collections (
        id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), name TEXT NOT NULL, created_at INTEGER NOT NULL,
        UNIQUE (user_id, name), UNIQUE (user_id, id)
      ) STRICT`,
      `CREATE TABLE saves (
        user_id TEXT NOT NULL, note_id TEXT NOT NULL REFERENCES notes(id), collection_id TEXT NOT NULL,
        created_at INTEGER NOT NULL, PRIMARY KEY (user_id, collection_id, note_id),
        FOREIGN KEY (user_id, collection_id) REFERENCES collections(user_id, id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID`,
      `CREATE INDEX saves_user_note ON saves (user_id, note_id)`,
      `CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, client_event_id TEXT NOT NULL, type TEXT NOT NULL,
        note_id TEXT, ts INTEGER NOT NULL, payload TEXT NOT NULL, UNIQUE (client_event_id, user_id)
      ) STRICT`,
      `CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
      ) STRICT`,
      `CREATE INDEX sessions_user ON sessions (user_id)`,
      `CREATE TABLE models (
        name TEXT NOT NULL, version INTEGER NOT NULL, bytes BLOB NOT NULL, meta TEXT NOT NULL, created_at INTEGER NOT NULL,
        PRIMARY KEY (name, version)
      ) STRICT`,
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
    statements: [`ALTER TABLE notes ADD COLUMN terms TEXT`],
  },
  {
    // Operators moderate: suspended accounts (their notes hidden, not deleted, so unsuspending restores them),
    // reports queued for review, and accounts deleted by their owner kept as tombstones for the foreign keys.
    version: '0005_moderation',
    statements: [
      `ALTER TABLE users ADD COLUMN suspended_at INTEGER`,
      `ALTER TABLE users ADD COLUMN suspension_reason TEXT`,
      `ALTER TABLE users ADD COLUMN suspended_by TEXT`,
      `ALTER TABLE users ADD COLUMN deleted_at INTEGER`,
      `CREATE INDEX users_role ON users (role) WHERE role <> 'user'`,
      `ALTER TABLE notes ADD COLUMN hidden_at INTEGER`,
      `CREATE INDEX comments_author ON comments (author_id, id)`,
      `CREATE TABLE reports (
        id TEXT PRIMARY KEY, reporter_id TEXT NOT NULL REFERENCES users(id), target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL,
        resolved_by TEXT, resolved_at INTEGER
      ) STRICT`,
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
        key TEXT NOT NULL, window_start INTEGER NOT NULL, hits INTEGER NOT NULL, expires_at INTEGER NOT NULL,
        PRIMARY KEY (key, window_start)
      ) STRICT, WITHOUT ROWID`,
      `CREATE INDEX rate_limits_expires_at ON rate_limits (expires_at)`,
    ],
  },
  {
    // Experiments shared by every node: definitions (the parts serving filters on as columns, the rest as JSON),
    // one row per layer to lock while a range of it is allocated, and the feed pages each experiment served.
    version: '0007_experiments',
    statements: [
      `CREATE TABLE experiments (
        id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, status TEXT NOT NULL, surface TEXT NOT NULL, layer TEXT NOT NULL,
        range_start INTEGER, range_end INTEGER, created_at INTEGER NOT NULL, started_at INTEGER, paused_at INTEGER,
        stopped_at INTEGER, definition TEXT NOT NULL
      ) STRICT`,
      `CREATE INDEX experiments_live ON experiments (status) WHERE status IN ('running', 'paused')`,
      `CREATE TABLE experiment_layers (layer TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT, WITHOUT ROWID`,
      `CREATE TABLE experiment_exposures (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, experiment_id TEXT NOT NULL REFERENCES experiments(id), variant TEXT NOT NULL,
        unit_id TEXT NOT NULL, user_id TEXT, ts INTEGER NOT NULL, payload TEXT NOT NULL
      ) STRICT`,
      `CREATE INDEX experiment_exposures_experiment ON experiment_exposures (experiment_id, seq)`,
    ],
  },
  {
    // Entity changes in commit order (SQLite has one writer), so other processes sharing the file follow them by seq.
    version: '0008_change_log',
    statements: [
      `CREATE TABLE change_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, entity_id TEXT NOT NULL,
        created_at INTEGER NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
      ) STRICT`,
    ],
  },
];
