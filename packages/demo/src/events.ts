import type { EngineEvent } from '@notewave/engine';
import { standingFollows } from './follows.ts';
import { MinHeap } from './heap.ts';
import { HOURLY_RHYTHM_CUM, MARKETS } from './markets.ts';
import { NoteSampler } from './note-sampler.ts';
import type { NotePlan } from './note-plan.ts';
import { DAY_MS, HOUR_MS, type ResolvedOptions } from './options.ts';
import { countAtMost, pickCumulative, poisson, rngFor, STREAM } from './random.ts';
import { NoteIdCache } from './notes.ts';
import { SessionWriter, type SessionContext } from './session.ts';
import type { UserPlan } from './user-plan.ts';

/** Measured mean events per session at default settings; turns eventsPerUser into a session rate. */
const EVENTS_PER_SESSION = 48;
/** Refugees binge while the wave lasts; those who stay remain keen (the drop in US activity comes from the leavers). */
const REFUGEE_WAVE_ACTIVITY = 1.6;
const REFUGEE_STAYER_ACTIVITY = 1.2;
const WEEKEND_ACTIVITY = 1.15;

interface Run {
  events: EngineEvent[];
  pos: number;
}

/**
 * Streams the event history in time order. Sessions are scheduled one day at a time (typed arrays, a few
 * bytes per session) and their events are merged through a heap holding only sessions still running, so
 * memory stays flat however long the history is. Events after endTime are dropped.
 */
export function* streamEvents(o: ResolvedOptions, users: UserPlan, notes: NotePlan): Generator<EngineEvent> {
  if (notes.count === 0) return;
  const follows = new Map<number, Set<number>>();
  const ctx: SessionContext = {
    o,
    users,
    notes,
    sampler: new NoteSampler(notes),
    ids: new NoteIdCache(notes),
    liked: new Set(),
    saved: new Set(),
    followsOf(u) {
      let s = follows.get(u);
      if (!s) {
        s = new Set(standingFollows(o, users, notes, u).map((f) => f.followee));
        follows.set(u, s);
      }
      return s;
    },
  };
  const writer = new SessionWriter(ctx);
  const heap = new MinHeap<Run>((r) => r.events[r.pos]!.ts);
  const baseRate = o.eventsPerUser / o.days / EVENTS_PER_SESSION;
  let sessionNo = 0;

  function* drainUntil(t: number): Generator<EngineEvent> {
    for (let top = heap.peek(); top && top.events[top.pos]!.ts <= t; top = heap.peek()) {
      heap.pop();
      const e = top.events[top.pos++]!;
      if (top.pos < top.events.length) heap.push(top);
      if (e.ts < o.endTime) yield e;
    }
  }

  for (let d = 0; d < o.days; d++) {
    o.onProgress(d, o.days, 'events');
    const dayStart = o.startTime + d * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    const rng = rngFor(o.seed, STREAM.day, d);
    const dow = new Date(dayStart).getUTCDay();
    const dayFactor = dow === 0 || dow === 6 ? WEEKEND_ACTIVITY : 1;
    const pause = o.startTime + o.wave.pauseDay * DAY_MS;
    const present = countAtMost(users.createdAt, dayEnd - 1);
    let sUser = new Uint32Array(1024);
    let sStart = new Float64Array(1024);
    let count = 0;
    for (let u = 0; u < present; u++) {
      const churn = users.churnAt[u]!;
      if (churn <= dayStart) continue;
      let rate = baseRate * users.activity[u]! * dayFactor;
      if (users.refugee[u] === 1) rate *= dayStart < pause ? REFUGEE_WAVE_ACTIVITY : REFUGEE_STAYER_ACTIVITY;
      const k = poisson(rng, rate);
      const offset = MARKETS[users.market[u]!]!.utcOffset;
      for (let s = 0; s < k; s++) {
        const hour = (pickCumulative(rng, HOURLY_RHYTHM_CUM) - offset + 48) % 24;
        const t = Math.floor(dayStart + (hour + rng.next()) * HOUR_MS);
        if (t < users.createdAt[u]! || t >= churn) continue;
        if (count === sUser.length) {
          sUser = grow(sUser, new Uint32Array(count * 2));
          sStart = grow(sStart, new Float64Array(count * 2));
        }
        sUser[count] = u;
        sStart[count] = t;
        count++;
      }
    }
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => sStart[a]! - sStart[b]! || a - b);
    for (const i of order) {
      const start = sStart[i]!;
      yield* drainUntil(start);
      const events = writer.write(sUser[i]!, start, sessionNo++);
      if (events.length > 0) heap.push({ events, pos: 0 });
    }
  }
  yield* drainUntil(Infinity);
  o.onProgress(o.days, o.days, 'events');
}

function grow<T extends Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
