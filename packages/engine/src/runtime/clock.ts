/** Time source passed into the engine so simulations and tests control time. Milliseconds since epoch. */
export interface Clock {
  now(): number;
}

/** A clock that only moves when told to: deterministic tests and simulations. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start = Date.UTC(2025, 0, 13)) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  set(t: number): void {
    this.t = t;
  }
  advance(ms: number): number {
    this.t += ms;
    return this.t;
  }
}
