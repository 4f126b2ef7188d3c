import type { Engine, EngineEvent, NoteStore, UserStore } from '@notewave/engine';

/** What the engine already knows: asked first, so the stores are read only for ids this node has not seen yet. */
export interface KnownIds {
  /** True for a live note, false for a deleted one, undefined when this node has never seen it. */
  noteLive(id: string): boolean | undefined;
  hasUser(id: string): boolean;
}

/** The note one event names, if any; search result ids are not checked (a search may return stale ids). */
function noteOf(e: EngineEvent): string | null {
  if ('noteId' in e) return e.noteId;
  return e.type === 'not_interested' && e.targetKind === 'note' ? e.target : null;
}

/** The user one event names, if any. */
function userOf(e: EngineEvent): string | null {
  if ('targetUserId' in e) return e.targetUserId;
  return e.type === 'not_interested' && e.targetKind === 'author' ? e.target : null;
}

/**
 * Finds the events that name a note that does not exist (or was deleted) or a user that does not exist, so they
 * are refused one by one instead of filling the log and the counters with behaviour about nothing. Ids the engine
 * does not know yet are looked up in the stores in one read per kind: on a shared database another node may have
 * created them a moment ago. The engine is asked once per event; the stores only when it did not know an id.
 */
export async function unknownReferences(
  events: readonly EngineEvent[],
  known: KnownIds,
  notes: Pick<NoteStore, 'getNotes'>,
  users: Pick<UserStore, 'getUsers'>,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  let askNotes: Set<string> | null = null;
  let askUsers: Set<string> | null = null;
  /** Events naming an id the engine does not know, decided once the stores have answered. */
  let undecided: number[] | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as EngineEvent;
    const note = noteOf(e);
    if (note !== null) {
      const live = known.noteLive(note);
      if (live === false) out.set(i, `no note '${note}'`);
      else if (live === undefined) {
        (askNotes ??= new Set()).add(note);
        (undecided ??= []).push(i);
      }
      continue;
    }
    const user = userOf(e);
    if (user !== null && !known.hasUser(user)) {
      (askUsers ??= new Set()).add(user);
      (undecided ??= []).push(i);
    }
  }
  if (undecided === null) return out;
  const liveNotes = new Set<string>();
  const realUsers = new Set<string>();
  if (askNotes !== null) for (const n of await notes.getNotes([...askNotes])) if (!n.deleted) liveNotes.add(n.id);
  if (askUsers !== null) for (const u of await users.getUsers([...askUsers])) realUsers.add(u.id);
  for (const i of undecided) {
    const e = events[i] as EngineEvent;
    const note = noteOf(e);
    if (note !== null) {
      if (!liveNotes.has(note)) out.set(i, `no note '${note}'`);
    } else {
      const user = userOf(e) as string;
      if (!realUsers.has(user)) out.set(i, `no user '${user}'`);
    }
  }
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
