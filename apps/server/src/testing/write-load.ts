import assert from 'node:assert/strict';
import { call } from './server-process.ts';
import { NOTE } from './test-node.ts';

/*
 * Clients writing through several server processes at once, each keeping a ledger of what a server acknowledged
 * (answered 2xx). A client whose server dies mid-request fails over to the next server, as behind a load balancer,
 * and resends the request whose answer it lost when resending is safe (likes, saves, follows, their undoing and event
 * batches are idempotent); a lost note creation is not resent, since a second one would be a second note.
 */

export interface LoadClient {
  userId: string;
  token: string;
  /** The servers this client uses, in failover order. */
  urls: string[];
}

export interface LoadTargets {
  notes: readonly string[];
  users: readonly string[];
}

/** Everything the servers acknowledged, keyed so that repeating an action does not add to it. */
export class WriteLedger {
  /** Acknowledged note ids, with the server that acknowledged each and whether that was after `mark`. */
  readonly notes = new Map<string, { url: string; late: boolean }>();
  /** `userId|noteId`: what is liked (saved) now, by the acknowledged actions and undoings in order. */
  readonly likes = new Set<string>();
  readonly saves = new Set<string>();
  /** `followerId|followeeId`, as `likes`. */
  readonly follows = new Set<string>();
  /** Acknowledged client event ids per user. */
  readonly events = new Map<string, Set<string>>();
  /** Acknowledgements per server url and kind, to know when every kind has been written through a server. */
  readonly byServer = new Map<string, Map<string, number>>();
  /** Requests whose connection failed, and note creations whose fate is unknown. */
  failovers = 0;
  unknownNotes = 0;
  /** Set once the interesting moment (a kill) has passed: later acknowledgements are marked late. */
  late = false;

  acknowledged(url: string, kind: string): void {
    const kinds = this.byServer.get(url) ?? new Map<string, number>();
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    this.byServer.set(url, kinds);
  }

  /** How many acknowledgements of `kind` a server gave. */
  count(url: string, kind: string): number {
    return this.byServer.get(url)?.get(kind) ?? 0;
  }

  perNote(kind: 'likes' | 'saves', noteId: string): number {
    return [...this[kind]].filter((k) => k.endsWith(`|${noteId}`)).length;
  }

  followersOf(userId: string): string[] {
    return [...this.follows].filter((k) => k.endsWith(`|${userId}`)).map((k) => k.split('|')[0] as string).sort();
  }
}

export const WRITE_KINDS = ['note', 'like', 'save', 'follow', 'events', 'unlike', 'unsave', 'unfollow'] as const;
const EVENTS_PER_BATCH = 10;

/**
 * One client's loop until `running()` turns false: note, like, save, follow and event batch in turn, and every other
 * round the unlike, unsave and unfollow of the round before's targets. Targets cycle, so later rounds repeat earlier
 * actions, which must not count twice.
 */
export async function writeLoop(client: LoadClient, c: number, targets: LoadTargets, ledger: WriteLedger, running: () => boolean): Promise<void> {
  let server = 0;
  for (let i = 0; running(); i++) {
    const kind = WRITE_KINDS[i % WRITE_KINDS.length]!;
    const round = Math.floor(i / WRITE_KINDS.length);
    const undo = kind.startsWith('un');
    if (undo && round % 2 === 0) continue;
    const target = undo ? round - 1 : round;
    const note = targets.notes[(target + c) % targets.notes.length] as string;
    const followee = targets.users[(target + c) % targets.users.length] as string;
    const eventIds = Array.from({ length: EVENTS_PER_BATCH }, (_, k) => `load-${c}-${i}-${k}`);
    for (;;) {
      const url = client.urls[server];
      if (url === undefined) return;
      let ok: boolean;
      try {
        ok = await writeOnce(url, client, kind, { note, followee, eventIds, title: `Load note ${c}-${i}` }, ledger);
      } catch (e) {
        if (e instanceof assert.AssertionError) throw e;
        // The server died with the request in flight: whether it was applied is unknown.
        ledger.failovers++;
        server++;
        if (kind === 'note') {
          ledger.unknownNotes++;
          break;
        }
        continue;
      }
      assert.ok(ok, `${kind} by client ${c} refused by ${url}`);
      ledger.acknowledged(url, kind);
      break;
    }
  }
}

interface WriteArgs {
  note: string;
  followee: string;
  eventIds: string[];
  title: string;
}

async function writeOnce(url: string, client: LoadClient, kind: (typeof WRITE_KINDS)[number], w: WriteArgs, ledger: WriteLedger): Promise<boolean> {
  switch (kind) {
    case 'note': {
      const r = await call(url, 'POST', '/api/notes', client.token, { ...NOTE, title: w.title });
      if (r.status === 201) ledger.notes.set(r.json.id as string, { url, late: ledger.late });
      return r.status === 201;
    }
    case 'like': {
      const r = await call(url, 'POST', `/api/notes/${w.note}/like`, client.token);
      if (r.status === 200) ledger.likes.add(`${client.userId}|${w.note}`);
      return r.status === 200;
    }
    case 'save': {
      const r = await call(url, 'POST', `/api/notes/${w.note}/save`, client.token);
      if (r.status === 200) ledger.saves.add(`${client.userId}|${w.note}`);
      return r.status === 200;
    }
    case 'follow': {
      const r = await call(url, 'POST', `/api/users/${w.followee}/follow`, client.token);
      if (r.status === 200) ledger.follows.add(`${client.userId}|${w.followee}`);
      return r.status === 200;
    }
    case 'unlike': {
      const r = await call(url, 'DELETE', `/api/notes/${w.note}/like`, client.token);
      if (r.status === 200) ledger.likes.delete(`${client.userId}|${w.note}`);
      return r.status === 200;
    }
    case 'unsave': {
      const r = await call(url, 'DELETE', `/api/notes/${w.note}/save`, client.token);
      if (r.status === 200) ledger.saves.delete(`${client.userId}|${w.note}`);
      return r.status === 200;
    }
    case 'unfollow': {
      const r = await call(url, 'DELETE', `/api/users/${w.followee}/follow`, client.token);
      if (r.status === 200) ledger.follows.delete(`${client.userId}|${w.followee}`);
      return r.status === 200;
    }
    case 'events': {
      const r = await call(url, 'POST', '/api/events', client.token, {
        events: w.eventIds.map((clientEventId, k) => ({ type: 'impression', clientEventId, noteId: w.note, position: k })),
      });
      if (r.status !== 200) return false;
      // A resent batch whose first copy was stored counts its events as duplicates, never as new ones.
      assert.equal(r.json.accepted + r.json.duplicates, w.eventIds.length, 'every event of the batch is stored once');
      const acked = ledger.events.get(client.userId) ?? new Set<string>();
      for (const id of w.eventIds) acked.add(id);
      ledger.events.set(client.userId, acked);
      return true;
    }
  }
}
