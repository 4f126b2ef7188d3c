/** Memoises expensive set-up (a loaded engine, a seeded database) across the workloads of one run. */
export class SharedState {
  private readonly memo = new Map<string, Promise<unknown>>();

  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = make();
      this.memo.set(key, p);
    }
    return p;
  }

  /** Drops a memoised value so its memory can be reclaimed. */
  forget(key: string): void {
    this.memo.delete(key);
  }
}
