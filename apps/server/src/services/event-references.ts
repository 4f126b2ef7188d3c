import type { Engine, EngineEvent, NoteStore, UserStore } from '@notewave/engine';

/** What the engine already knows: asked first, so the stores are read only for ids this node has not seen yet. */
export interface KnownIds {
  /** True for a live note, false for a deleted one, undefined when this node has never seen it. */
  noteLive(id: string): boolean | undefined;
  hasUser(id: string): boolean;
}

/** The notes and users one event names; search result ids are not checked (a search may return stale ids). */
function references(e: EngineEvent): { notes: string[]; users: string[] } {
  if ('noteId' in e) return { notes: [e.noteId], users: [] };
  if ('targetUserId' in e) return { notes: [], users: [e.targetUserId] };
  if (e.type === 'not_interested' && e.targetKind === 'note') return { notes: [e.target], users: [] };
  if (e.type === 'not_interested' && e.targetKind === 'author') return { notes: [], users: [e.target] };
  return { notes: [], users: [] };
}

/**
 * Finds the events that name a note that does not exist (or was deleted) or a user that does not exist, so they
 * are refused one by one instead of filling the log and the counters with behaviour about nothing. Ids the engine
 * does not know yet are looked up in the stores in one read per kind: on a shared database another node may have
 * created them a moment ago.
 */
export async function unknownReferences(
  events: readonly EngineEvent[],
  known: KnownIds,
  notes: Pick<NoteStore, 'getNotes'>,
  users: Pick<UserStore, 'getUsers'>,
): Promise<Map<number, string>> {
  const askNotes = new Set<string>();
  const askUsers = new Set<string>();
  for (const e of events) {
    const r = references(e);
    for (const id of r.notes) if (known.noteLive(id) === undefined) askNotes.add(id);
    for (const id of r.users) if (!known.hasUser(id)) askUsers.add(id);
  }
  const liveNotes = new Set<string>();
  const realUsers = new Set<string>();
  if (askNotes.size > 0) for (const n of await notes.getNotes([...askNotes])) if (!n.deleted) liveNotes.add(n.id);
  if (askUsers.size > 0) for (const u of await users.getUsers([...askUsers])) realUsers.add(u.id);
  const out = new Map<number, string>();
  events.forEach((e, i) => {
    const r = references(e);
    const note = r.notes.find((id) => !(known.noteLive(id) ?? liveNotes.has(id)));
    if (note !== undefined) return void out.set(i, `no note '${note}'`);
    const user = r.users.find((id) => !known.hasUser(id) && !realUsers.has(id));
    if (user !== undefined) out.set(i, `no user '${user}'`);
  });
  return out;
}

/** The engine's catalog and user list as KnownIds. */
export function engineKnownIds(engine: Engine): KnownIds {
  return {
    noteLive(id) {
      const m = engine.catalog.get(id);
      return m ? !m.deleted : undefined;
    },
    hasUser: (id) => engine.hasUser(id),
  };
}
