import { Engine, type EngineDeps, type Storage } from '@notewave/engine';

const PAGE = 5_000;

export interface LoadReport {
  users: number;
  notes: number;
  follows: number;
  events: number;
  lastSeq: number;
}

/**
 * Rebuilds the in-memory engine from storage: users, live notes, the follow graph, then the whole event log
 * in order. The engine keeps no state of its own on disk, so this is also how a restarted node recovers.
 */
export async function loadEngine(storage: Storage, deps: EngineDeps, onProgress?: (r: LoadReport) => void): Promise<{ engine: Engine; report: LoadReport }> {
  const engine = new Engine(deps);
  const report: LoadReport = { users: 0, notes: 0, follows: 0, events: 0, lastSeq: 0 };

  for (let after: string | null = null; ;) {
    const page = await storage.users.listUsers(after, PAGE);
    for (const u of page) engine.addUser(u);
    report.users += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  for (let after: string | null = null; ;) {
    const page = await storage.notes.listNotes({ after, limit: PAGE });
    for (const n of page) if (!n.deleted) engine.upsertNote(n);
    report.notes += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
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
  for (;;) {
    const page = await storage.events.readSince(report.lastSeq, PAGE);
    for (const e of page) {
      const { seq, ...event } = e;
      engine.applyEvent(event as typeof e);
      report.lastSeq = seq;
    }
    report.events += page.length;
    if (page.length < PAGE) break;
    if (report.events % (PAGE * 20) === 0) onProgress?.(report);
  }
  return { engine, report };
}
