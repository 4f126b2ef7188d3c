import { AnalyticsRollup, DEFAULT_RECOMMEND_CONFIG, type AnalyticsNoteInfo, type Storage } from '@notewave/engine';
import { ExposureReplay } from '../experiments/exposure-replay.ts';

const PAGE = 5_000;

export interface AnalyticsLoadProgress {
  users: number;
  notes: number;
  events: number;
  lastSeq: number;
}

/**
 * Builds analytics rollups straight from storage — accounts, notes (deleted ones too, so old events keep their
 * category) and the whole event log — without the search index or recommender: what `notewave report` reads.
 * A running server keeps the same rollups live inside its engine.
 */
export async function loadAnalytics(
  storage: Storage,
  timeZone: string,
  onProgress?: (p: AnalyticsLoadProgress) => void,
): Promise<AnalyticsRollup> {
  const notes = new Map<string, AnalyticsNoteInfo>();
  const surfaces = DEFAULT_RECOMMEND_CONFIG.surfaces;
  const rollup = new AnalyticsRollup({
    timeZone,
    completePortion: DEFAULT_RECOMMEND_CONFIG.profile.completePortion,
    noteInfo: (id) => notes.get(id) ?? null,
    strategyOf: (surface) => surfaces[surface] ?? 'none',
  });
  const p: AnalyticsLoadProgress = { users: 0, notes: 0, events: 0, lastSeq: 0 };
  for (let after: string | null = null; ;) {
    const page = await storage.users.listUsers(after, PAGE);
    for (const u of page) rollup.addUser(u);
    p.users += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  for (let after: string | null = null; ;) {
    const page = await storage.notes.listNotes({ after, limit: PAGE, includeDeleted: true });
    for (const n of page) {
      const info: AnalyticsNoteInfo = { category: n.category, kind: n.kind, tags: n.tags };
      notes.set(n.id, info);
      rollup.addNote(n.authorId, n.createdAt, info);
    }
    p.notes += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  onProgress?.(p);
  const exposures = await ExposureReplay.load(storage, (x) => rollup.addExposure(x.userId, `${x.experimentName}/${x.variant}`, x.ts));
  for (let since = 0; ;) {
    const page = await storage.events.readSince(since, PAGE);
    for (const e of page) {
      exposures.until(e.ts);
      rollup.apply(e);
    }
    p.events += page.length;
    if (page.length > 0) since = p.lastSeq = page[page.length - 1]!.seq;
    onProgress?.(p);
    if (page.length < PAGE) break;
  }
  exposures.finish();
  return rollup;
}
