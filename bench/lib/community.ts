import { Engine, ManualClock, SeededRng, TimeRandomIds } from '@notewave/engine';
import { generateCommunity, type DemoCommunity } from '@notewave/demo';
import { progress } from '@notewave/server/cli/progress.ts';
import { eventsPerUser, type Scale } from './scale.ts';
import { JiebaSegmenter } from '@notewave/server/engine/jieba-segmenter.ts';

/** Users whose last event falls in this final stretch of the history count as active. */
const ACTIVE_WINDOW_MS = 7 * 24 * 3600 * 1000;

export type LoadPhase = 'users' | 'notes' | 'follows' | 'events';

export interface LoadedCommunity {
  community: DemoCommunity;
  engine: Engine;
  clock: ManualClock;
  /** Users active near the end of the history, in a seeded random order. */
  activeUsers: string[];
  /** The other users with any event, most recently seen first: returning users, for workloads that need more users than are active. */
  returningUsers: string[];
  counts: Record<LoadPhase, number>;
  /** Wall time of each phase, generation included (records are generated as they are applied). */
  phaseMs: Record<LoadPhase, number>;
}

export function planCommunity(scale: Scale, seed: number): DemoCommunity {
  return generateCommunity({ seed, users: scale.users, notes: scale.notes, eventsPerUser: eventsPerUser(scale) });
}

/**
 * Builds an engine in-process straight from the generator (no storage): users, notes, the standing follow
 * graph, then the event history in time order with the clock following the events. `afterPhase` lets the
 * memory workload take a reading between phases.
 */
export async function loadCommunity(
  scale: Scale,
  seed: number,
  afterPhase: (phase: LoadPhase) => void | Promise<void> = () => {},
): Promise<LoadedCommunity> {
  const community = planCommunity(scale, seed);
  const { startTime, endTime } = community.options;
  const clock = new ManualClock(startTime);
  const rng = new SeededRng(seed);
  // The segmenter the server builds, so the engine analyses text as a served one does.
  const engine = new Engine({ clock, rng, ids: new TimeRandomIds(clock, rng), segmenter: new JiebaSegmenter() });
  const counts: Record<LoadPhase, number> = { users: 0, notes: 0, follows: 0, events: 0 };
  const phaseMs: Record<LoadPhase, number> = { users: 0, notes: 0, follows: 0, events: 0 };

  const phase = async <T>(name: LoadPhase, total: number, items: Iterable<T>, apply: (x: T) => void) => {
    const bar = progress(`load ${name}`, total);
    const t0 = performance.now();
    for (const x of items) {
      apply(x);
      if (++counts[name] % 10_000 === 0) bar.update(counts[name]);
    }
    phaseMs[name] = performance.now() - t0;
    bar.update(counts[name], counts[name]);
    bar.stop();
    await afterPhase(name);
  };

  await phase('users', scale.users, community.users(), (u) => engine.addUser(u));
  await phase('notes', scale.notes, community.notes(), (n) => engine.upsertNote(n));
  await phase('follows', scale.users * 15, community.follows(), (f) => engine.addFollow(f));
  const lastSeen = new Map<string, number>();
  await phase('events', scale.events, community.events(), (e) => {
    clock.set(e.ts);
    engine.applyEvent(e);
    lastSeen.set(e.userId, e.ts);
  });
  clock.set(endTime);

  const active: string[] = [];
  for (const [user, ts] of lastSeen) if (ts >= endTime - ACTIVE_WINDOW_MS) active.push(user);
  active.sort();
  shuffle(active, new SeededRng(seed ^ 0x5eed));
  const returning = [...lastSeen].filter(([, ts]) => ts < endTime - ACTIVE_WINDOW_MS).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([u]) => u);
  return { community, engine, clock, activeUsers: active, returningUsers: returning, counts, phaseMs };
}

export function shuffle<T>(xs: T[], rng: { int(n: number): number }): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}
