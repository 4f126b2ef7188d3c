/** Size of a generated community. Every run with the same scale and seed sees the same data. */
export interface Scale {
  name: string;
  users: number;
  notes: number;
  /** Target length of the event history; the generator lands within a few per cent of it. */
  events: number;
}

/** Smallest first: the memory and start-up workloads walk this ladder up to the selected scale. */
export const SCALES: readonly Scale[] = [
  { name: 'tiny', users: 1_000, notes: 10_000, events: 40_000 },
  { name: 'quick', users: 5_000, notes: 50_000, events: 200_000 },
  { name: 'medium', users: 20_000, notes: 200_000, events: 2_000_000 },
  { name: 'large', users: 50_000, notes: 500_000, events: 5_000_000 },
  { name: 'full', users: 100_000, notes: 1_000_000, events: 10_000_000 },
];

export function scaleNamed(name: string): Scale {
  const s = SCALES.find((x) => x.name === name);
  if (!s) throw new Error(`unknown scale '${name}': use one of ${SCALES.map((x) => x.name).join(', ')}`);
  return s;
}

/** The ladder up to and including `scale` (a custom scale is appended after the named ones below it). */
export function ladderTo(scale: Scale): Scale[] {
  const below = SCALES.filter((s) => s.notes < scale.notes || s.name === scale.name);
  return below.some((s) => s.name === scale.name) ? below : [...below, scale];
}

/** Generator setting that yields about `scale.events` events: measured mean of ~1.04 events per unit. */
export function eventsPerUser(scale: Scale): number {
  return scale.events / scale.users / 1.04;
}

export function scaleKey(scale: Scale, seed: number): string {
  return `u${scale.users}-n${scale.notes}-e${scale.events}-s${seed}`;
}
