import type { Clock, Engine, IdGenerator, Storage } from '@notewave/engine';
import type { Config } from '../config.ts';
import type { EngineSync } from '../engine/engine-sync.ts';
import { AuthService } from './auth.service.ts';
import { CommentsService } from './comments.service.ts';
import { DiscoveryService } from './discovery.service.ts';
import { EventsService, type IngestCounter } from './events.service.ts';
import { FollowsService } from './follows.service.ts';
import { NoteViews } from './note-views.ts';
import { NotesService } from './notes.service.ts';
import { ReactionsService } from './reactions.service.ts';
import { UploadsService } from './uploads.service.ts';
import { VideoUploadsService, videoDir } from '../media/video-uploads.service.ts';
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
  videos: VideoUploadsService;
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
  const events = new EventsService(s.events, d.sync, clock, ids, d.counter);
  const users = new UsersService(s.users);
  const views = new NoteViews(s.users, engine);
  const notes = new NotesService(s.notes, engine, views, clock, ids);
  return {
    auth: new AuthService(s.users, s.sessions, engine, clock, ids, { tokenTtlMs: d.config.tokenTtlMs, operatorHandles: d.config.operatorHandles }),
    users,
    notes,
    comments: new CommentsService(s.comments, s.users, notes, events, clock, ids),
    follows: new FollowsService(s.social, s.users, users, engine, events, clock),
    reactions: new ReactionsService(s.social, notes, views, engine, events, clock, ids),
    events,
    discovery: new DiscoveryService(engine, notes, views, events, clock),
    uploads: new UploadsService(d.config.uploadDir, ids),
    videos: new VideoUploadsService(videoDir(d.config.uploadDir), ids),
  };
}
