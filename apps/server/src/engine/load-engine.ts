import { Engine, type EngineDeps, type EngineOptions, type NoteTerms, type Storage } from '@notewave/engine';
import { ExposureReplay } from '../experiments/exposure-replay.ts';

const PAGE = 5_000;

export interface LoadReport {
  users: number;
  notes: number;
  /** Notes whose stored terms were missing or stale, so their text was analysed (and the terms stored). */
  analysed: number;
  follows: number;
  events: number;
  lastSeq: number;
}

export interface LoadOptions {
  /** Store the terms of notes analysed during the load, so the next start indexes them as stored. Default true. */
  storeTerms?: boolean;
  /** How the engine is configured (time zone, recommendation overrides). */
  engine?: EngineOptions;
}

/**
 * Rebuilds the in-memory engine from storage: users, live notes, the follow graph, then the whole event log
 * in order. The engine keeps no state of its own on disk, so this is also how a restarted node recovers.
 * Notes are indexed from the analysed terms stored beside them; notes without (written before terms were
 * stored, or by a different analyser) are analysed here and their terms written back.
 */
export async function loadEngine(
  storage: Storage,
  deps: EngineDeps,
  onProgress?: (r: LoadReport) => void,
  options: LoadOptions = {},
): Promise<{ engine: Engine; report: LoadReport }> {
  const engine = new Engine(deps, options.engine);
  const report: LoadReport = { users: 0, notes: 0, analysed: 0, follows: 0, events: 0, lastSeq: 0 };
  const storeTerms = options.storeTerms ?? true;

  for (let after: string | null = null; ;) {
    const page = await storage.users.listUsers(after, PAGE);
    for (const u of page) engine.addUser(u);
    report.users += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  // Each next page is requested before the current one is applied, so a database on another core or host
  // (PostgreSQL) reads while the engine indexes. (SQLite runs the query on this thread once the page is applied.)
  for (let next = storage.notes.listIndexableNotes(null, PAGE); ;) {
    const page = await next;
    if (page.length === PAGE) next = prefetch(storage.notes.listIndexableNotes(page[PAGE - 1]!.note.id, PAGE));
    const fresh: { id: string; terms: NoteTerms }[] = [];
    for (const { note, terms } of page) {
      const analysed = engine.upsertNote(note, terms);
      if (analysed) fresh.push({ id: note.id, terms: analysed });
    }
    report.notes += page.length;
    report.analysed += fresh.length;
    if (storeTerms && fresh.length > 0) await storage.notes.setNoteTerms(fresh);
    if (page.length < PAGE) break;
  }
  for (let after: { followerId: string; followeeId: string } | null = null; ;) {
    const page = await storage.social.scanFollows(after, PAGE);
    for (const f of page) engine.addFollow(f);
    report.follows += page.length;
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { followerId: last.followerId, followeeId: last.followeeId };
  }
  onProgress?.(report);
  const exposures = await ExposureReplay.load(storage, (x) => engine.applyExposure(x));
  for (let sinceProgress = 0, next = storage.events.readSince(0, PAGE); ;) {
    const page = await next;
    if (page.length === PAGE) next = prefetch(storage.events.readSince(page[PAGE - 1]!.seq, PAGE));
    // Stored events go in as they are: the engine ignores `seq` and keeps no reference to the event.
    for (let i = 0; i < page.length; i++) {
      const e = page[i]!;
      exposures.until(e.ts);
      engine.applyEvent(e);
    }
    if (page.length > 0) report.lastSeq = page[page.length - 1]!.seq;
    report.events += page.length;
    if (page.length < PAGE) break;
    sinceProgress += page.length;
    if (sinceProgress >= 100_000) {
      sinceProgress = 0;
      onProgress?.(report);
    }
  }
  exposures.finish();
  return { engine, report };
}

/** A read started ahead of need: if the load fails before awaiting it, its own failure must not go unhandled. */
function prefetch<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}
