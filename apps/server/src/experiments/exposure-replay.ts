import type { FirstExposure, Storage } from '@notewave/engine';

/**
 * Feeds stored first exposures into a rebuild in time order with the event log: before each event, every exposure
 * at or before its time is applied. A live node records an exposure when it serves the page, before the events that
 * page leads to, so a rebuilt rollup splits events by variant exactly as the live one did.
 */
export class ExposureReplay {
  private at = 0;

  private constructor(private readonly exposures: readonly FirstExposure[], private readonly apply: (x: FirstExposure) => void) {}

  static async load(storage: Storage, apply: (x: FirstExposure) => void): Promise<ExposureReplay> {
    return new ExposureReplay(await storage.experiments.listFirstExposures(), apply);
  }

  /** Applies the exposures due by `ts`. */
  until(ts: number): void {
    const xs = this.exposures;
    while (this.at < xs.length && (xs[this.at] as FirstExposure).ts <= ts) this.apply(xs[this.at++] as FirstExposure);
  }

  /** Applies what is left, after the last event. */
  finish(): void {
    this.until(Infinity);
  }
}
