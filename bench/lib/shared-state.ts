/** Memoises expensive set-up (a loaded engine, a seeded database, a running server) across the workloads of one run. */
export class SharedState {
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly closers: (() => Promise<void>)[] = [];

  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = make();
      this.memo.set(key, p);
    }
    return p;
  }

  /** Registers clean-up (stopping a child process, removing a file) for the end of the run. */
  onClose(fn: () => Promise<void>): void {
    this.closers.push(fn);
  }

  async close(): Promise<void> {
    for (const fn of this.closers.splice(0).reverse()) await fn().catch(() => {});
    this.memo.clear();
  }
}
