import type { Note, Storage, User } from '@notewave/engine';

const CHUNK = 500;

export interface ImportReport {
  read: number;
  imported: number;
  skipped: number;
  authorsCreated: number;
}

/**
 * Writes imported notes through the storage ports. Authors are synthesized by the importers, so each missing
 * one becomes a user with signup source `import`. Notes already present (a re-run) are skipped, not duplicated.
 */
export async function importNotes(storage: Storage, notes: readonly Note[], now: number, onProgress: (done: number) => void = () => {}): Promise<ImportReport> {
  const report: ImportReport = { read: notes.length, imported: 0, skipped: 0, authorsCreated: 0 };
  const knownAuthors = new Set<string>();
  for (let i = 0; i < notes.length; i += CHUNK) {
    const chunk = notes.slice(i, i + CHUNK);
    const authors = [...new Set(chunk.map((n) => n.authorId))].filter((a) => !knownAuthors.has(a));
    const missing: User[] = [];
    for (const id of authors) {
      knownAuthors.add(id);
      if (!(await storage.users.getUser(id))) missing.push(importedAuthor(id, now));
    }
    if (missing.length > 0) await storage.users.insertUsers(missing);
    report.authorsCreated += missing.length;
    const present = new Set((await storage.notes.getNotes(chunk.map((n) => n.id))).map((n) => n.id));
    const fresh = chunk.filter((n) => !present.has(n.id));
    if (fresh.length > 0) await storage.notes.insertNotes(fresh);
    report.imported += fresh.length;
    report.skipped += chunk.length - fresh.length;
    onProgress(Math.min(notes.length, i + CHUNK));
  }
  return report;
}

function importedAuthor(id: string, now: number): User {
  const handle = id.toLowerCase().replace(/[^a-z0-9_.]/g, '_').slice(0, 30);
  return {
    id,
    handle,
    displayName: handle,
    passwordHash: null,
    // Both corpora (Xiaohongshu notes, Kuaishou captions) are Chinese-language communities.
    locale: 'zh-CN',
    market: 'CN',
    signupSource: 'import',
    role: 'user',
    createdAt: now,
    ageBand: null,
    gender: null,
    incomeBand: null,
  };
}
