import type { Clock } from './clock.ts';
import type { Rng } from './rng.ts';

/** Id source passed into the engine. Ids are short, URL-safe, roughly time-ordered strings. */
export interface IdGenerator {
  next(prefix: string): string;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Time-prefixed ids (base36 millis + random tail): sortable by creation, deterministic under a seeded rng and manual clock. */
export class TimeRandomIds implements IdGenerator {
  private last = 0;
  private counter = 0;
  constructor(private readonly clock: Clock, private readonly rng: Rng) {}
  next(prefix: string): string {
    const t = this.clock.now();
    if (t === this.last) this.counter++;
    else {
      this.last = t;
      this.counter = 0;
    }
    let tail = '';
    for (let i = 0; i < 6; i++) tail += ALPHABET[this.rng.int(36)];
    return `${prefix}_${t.toString(36).padStart(9, '0')}${this.counter.toString(36).padStart(2, '0')}${tail}`;
  }
}
