import type { Engine, ExperimentStore } from '@notewave/engine';

const PAGE = 2_000;

/**
 * On a shared store, reads the exposures other nodes recorded so this node's analytics split their users by variant
 * too. Its own come back as well; applying an exposure again changes nothing (a user keeps their first variant).
 */
export class ExposureTail {
  constructor(private readonly store: ExperimentStore, private readonly engine: Engine, private seq: number) {}

  /** The last exposure read. */
  get appliedSeq(): number {
    return this.seq;
  }

  /** Applies exposures stored since the last poll; returns how many were read. */
  async poll(): Promise<number> {
    let read = 0;
    for (;;) {
      const page = await this.store.readExposuresSince(this.seq, PAGE);
      for (const x of page) this.engine.applyExposure(x);
      read += page.length;
      if (page.length > 0) this.seq = page[page.length - 1]!.seq;
      if (page.length < PAGE) return read;
    }
  }
}
