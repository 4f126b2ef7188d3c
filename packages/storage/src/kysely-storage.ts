import { sql, type Kysely } from 'kysely';
import type {
  AccountStore, ChangeLog, CommentStore, EventLog, ExperimentStore, ModelStore, NoteStore, RateLimitStore, ReportStore, SessionStore, SocialStore, Storage,
  StorageCapabilities, UserStore,
} from '@notewave/engine';
import { EngineError } from '@notewave/engine/errors.ts';
import type { BackendProfile } from './backend-profile.ts';
import type { Database } from './database.ts';
import { translateError, withErrorMapping } from './error-mapping.ts';
import { migrate } from './migrator.ts';
import { KyselyAccountStore } from './stores/account-store.ts';
import { KyselyChangeLog, type ChangeWatcher } from './stores/change-log.ts';
import { CommitSignal } from './stores/commit-signal.ts';
import { KyselyCommentStore } from './stores/comment-store.ts';
import { KyselyEventLog } from './stores/event-log.ts';
import { KyselyExperimentStore } from './stores/experiment-store.ts';
import { KyselyModelStore } from './stores/model-store.ts';
import { KyselyNoteStore } from './stores/note-store.ts';
import { KyselyReportStore } from './stores/report-store.ts';
import { KyselyRateLimitStore } from './stores/rate-limit-store.ts';
import { KyselySessionStore } from './stores/session-store.ts';
import { KyselySocialStore } from './stores/social-store.ts';
import { KyselyUserStore } from './stores/user-store.ts';

/** The one Storage implementation: shared Kysely queries over a backend's connection and profile. */
export class KyselyStorage implements Storage {
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
  private readonly eventLog: KyselyEventLog;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly profile: BackendProfile,
    /** How this backend tells of changes other processes commit; null where it cannot. */
    watchChanges: ChangeWatcher | null = null,
  ) {
    const ctx = { db, profile, commits: new CommitSignal() };
    this.capabilities = profile.capabilities;
    this.users = withErrorMapping(new KyselyUserStore(ctx), profile);
    this.notes = withErrorMapping(new KyselyNoteStore(ctx), profile);
    this.comments = withErrorMapping(new KyselyCommentStore(ctx), profile);
    this.social = withErrorMapping(new KyselySocialStore(ctx), profile);
    this.eventLog = new KyselyEventLog(ctx);
    this.events = withErrorMapping(this.eventLog, profile);
    this.sessions = withErrorMapping(new KyselySessionStore(ctx), profile);
    this.models = withErrorMapping(new KyselyModelStore(ctx), profile);
    this.reports = withErrorMapping(new KyselyReportStore(ctx), profile);
    this.accounts = withErrorMapping(new KyselyAccountStore(ctx), profile);
    this.rateLimits = withErrorMapping(new KyselyRateLimitStore(ctx), profile);
    this.experiments = withErrorMapping(new KyselyExperimentStore(ctx), profile);
    this.changes = withErrorMapping(new KyselyChangeLog(ctx, watchChanges), profile);
  }

  async migrate(): Promise<string[]> {
    try {
      return await migrate(this.db, this.profile);
    } catch (e) {
      throw translateError(this.profile, e);
    }
  }

  /** Any failure here means the backend cannot serve requests, whatever the driver called it. */
  async ping(): Promise<void> {
    try {
      await sql`select 1`.execute(this.db);
    } catch (e) {
      throw new EngineError('storage_unavailable', `storage ping failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Lets appends already accepted finish, then releases the connection. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.eventLog.settled().then(() => this.profile.destroy(this.db));
    return this.closing;
  }
}
