import type { Clock, Engine, IdGenerator, Storage } from '@notewave/engine';
import type { Config } from '../config.ts';
import type { EngineSync } from '../engine/engine-sync.ts';
import { AnalyticsService } from './analytics.service.ts';
import { AccountService } from './account.service.ts';
import { AuthService } from './auth.service.ts';
import { CommentsService } from './comments.service.ts';
import { DiscoveryService } from './discovery.service.ts';
import { engineKnownIds } from './event-references.ts';
import type { EventsService, EventQuota, IngestCounter } from './events.service.ts';
import { FollowsService } from './follows.service.ts';
import { ImagePolicy } from './image-policy.ts';
import { ModerationService } from './moderation.service.ts';
import { LoginThrottle } from './login-throttle.ts';
import { NoteViews } from './note-views.ts';
import { NotesService } from './notes.service.ts';
import { ReactionsService } from './reactions.service.ts';
import { ReportingEventsService } from './reporting-events.ts';
import { UploadsService } from './uploads.service.ts';
import { VideoUploadsService, videoDir } from '../media/video-uploads.service.ts';
import { UsersService } from './users.service.ts';
import { ExperimentsService } from './experiments.service.ts';
import { ExperimentAdmin } from '../experiments/experiment-admin.ts';
import { ExperimentServing } from '../experiments/experiment-serving.ts';
import type { SharedCounters } from '../limits/shared-counters.ts';
import type { RateRule } from '../config.ts';

export interface Services {
  auth: AuthService;
  users: UsersService;
  notes: NotesService;
  comments: CommentsService;
  follows: FollowsService;
  reactions: ReactionsService;
  events: EventsService;
  discovery: DiscoveryService;
  uploads: UploadsService;
  analytics: AnalyticsService;
  moderation: ModerationService;
  account: AccountService;
  videos: VideoUploadsService;
  experiments: ExperimentsService;
}

export interface ServiceDeps {
  config: Config;
  storage: Storage;
  engine: Engine;
  sync: EngineSync;
  clock: Clock;
  ids: IdGenerator;
  counter: IngestCounter;
  /** Shared counters for the event quota; none means no quota. */
  counters?: SharedCounters | null;
}

/** Wires each service with only the stores it needs. */
export function createServices(d: ServiceDeps): Services {
  const { storage: s, engine, clock, ids } = d;
  const auth = new AuthService(
    s.users, s.sessions, engine, clock, ids,
    { tokenTtlMs: d.config.tokenTtlMs },
    new LoginThrottle(s.rateLimits, clock, { perPair: d.config.loginFailuresPerPair, perHandle: d.config.loginFailuresPerHandle }),
  );
  const moderation = new ModerationService(s.users, s.notes, s.comments, s.reports, auth, engine, clock, ids);
  const events: EventsService = new ReportingEventsService(moderation, {
    log: s.events,
    sync: d.sync,
    clock,
    ids,
    known: engineKnownIds(engine),
    notes: s.notes,
    users: s.users,
    counter: d.counter,
    quota: eventQuota(d.counters ?? null, d.config.limitEventsPerUser),
  });
  const users = new UsersService(s.users, (u) => engine.addUser(u));
  const views = new NoteViews(s.users, engine);
  const uploads = new UploadsService(d.config.uploadDir, ids);
  const images = new ImagePolicy(d.config.imageOrigins, (name) => uploads.dimensions(name));
  const notes = new NotesService(s.notes, engine, views, clock, ids, images);
  const serving = new ExperimentServing(s.experiments, engine, clock);
  const authorOf = (noteId: string): string | null => engine.catalog.get(noteId)?.authorId ?? null;
  const admin = new ExperimentAdmin({ store: s.experiments, log: s.events, recommender: engine.recommender, clock, ids, authorOf });
  return {
    auth,
    users,
    notes,
    comments: new CommentsService(s.comments, s.users, notes, events, ids),
    follows: new FollowsService(s.social, s.users, users, events),
    reactions: new ReactionsService(s.social, notes, views, engine, events, clock, ids),
    events,
    discovery: new DiscoveryService(engine, notes, views, events, clock, serving),
    uploads,
    moderation,
    account: new AccountService(s.accounts, s.notes, s.social, auth, engine, clock, ids),
    videos: new VideoUploadsService(videoDir(d.config.uploadDir), ids),
    analytics: new AnalyticsService(engine, clock),
    experiments: new ExperimentsService(admin, serving),
  };
}

/** How many events each user may have stored per window, from the shared counters. */
function eventQuota(counters: SharedCounters | null, rule: RateRule | null): EventQuota | null {
  if (!counters || !rule) return null;
  return { grant: (userId, wanted) => counters.grant(`events:user:${userId}`, rule, wanted) };
}
