const HOUR = 3_600_000;

/**
 * Event-rate estimate from exponentially decayed sums at two half-lives. With irregular events the
 * decayed sum S decays as S·2^(-Δt/h) and gains each event's weight; S·ln2/h is then a rate per
 * hour. The fast rate is the velocity; fast − slow (the baseline) is the acceleration.
 */
export class DualEwma {
  fast = 0;
  slow = 0;
  t = 0;

  add(w: number, now: number, fastH: number, slowH: number): void {
    this.decayTo(now, fastH, slowH);
    this.fast += w;
    this.slow += w;
  }

  decayTo(now: number, fastH: number, slowH: number): void {
    const dt = Math.max(0, now - this.t);
    if (dt > 0) {
      this.fast *= Math.pow(2, -dt / (fastH * HOUR));
      this.slow *= Math.pow(2, -dt / (slowH * HOUR));
      this.t = now;
    }
  }

  /** Velocity and baseline rates (weighted events per hour) at `now`, without mutating. */
  rates(now: number, fastH: number, slowH: number): { velocity: number; baseline: number } {
    const dt = Math.max(0, now - this.t);
    const f = this.fast * Math.pow(2, -dt / (fastH * HOUR));
    const s = this.slow * Math.pow(2, -dt / (slowH * HOUR));
    return { velocity: (f * Math.LN2) / fastH, baseline: (s * Math.LN2) / slowH };
  }
}
