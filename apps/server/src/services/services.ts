import type { Clock, Engine, IdGenerator, Storage } from '@notewave/engine';
import type { Config } from '../config.ts';
import type { EngineSync } from '../engine/engine-sync.ts';
import { AuthService } from './auth.service.ts';
import { CachedUserStore } from './cached-users.ts';
import { CommentsService } from './comments.service.ts';
import { DiscoveryService } from './discovery.service.ts';
import { EventsService, type IngestCounter } from './events.service.ts';
import { FollowsService } from './follows.service.ts';
import { NoteViews } from './note-views.ts';
import { NotesService } from './notes.service.ts';
import { ReactionsService } from './reactions.service.ts';
import { UploadsService } from './uploads.service.ts';
import { UsersService } from './users.service.ts';

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
}

export interface ServiceDeps {
  config: Config;
  storage: Storage;
  engine: Engine;
  sync: EngineSync;
  clock: Clock;
  ids: IdGenerator;
  counter: IngestCounter;
}

/** Wires each service with only the stores it needs. */
export function createServices(d: ServiceDeps): Services {
  const { storage: s, engine, clock, ids } = d;
  // Viewers and note authors are read on every request: all user reads and writes go through one per-node cache.
  const userStore = new CachedUserStore(s.users, clock);
  const events = new EventsService(s.events, d.sync, clock, ids, d.counter);
  const users = new UsersService(userStore);
  const views = new NoteViews(userStore, engine);
  const notes = new NotesService(s.notes, engine, views, clock, ids);
  return {
    auth: new AuthService(userStore, s.sessions, engine, clock, ids, { tokenTtlMs: d.config.tokenTtlMs, operatorHandles: d.config.operatorHandles }),
    users,
    notes,
    comments: new CommentsService(s.comments, userStore, notes, events, clock, ids),
    follows: new FollowsService(s.social, userStore, users, engine, events, clock),
    reactions: new ReactionsService(s.social, notes, views, engine, events, clock, ids),
    events,
    discovery: new DiscoveryService(engine, notes, views, events, clock),
    uploads: new UploadsService(d.config.uploadDir, ids),
  };
}
