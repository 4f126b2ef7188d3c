interface Waiting<I, O> {
  items: readonly I[];
  resolve(out: O[]): void;
  reject(e: unknown): void;
}

/**
 * Group commit: submissions made in the same turn of the event loop, and those arriving while a write runs, go
 * to the database together, so many small concurrent batches share one transaction and one fsync instead of
 * paying for one each. The first write starts on `setImmediate`, after the I/O callbacks of the current turn:
 * a synchronous driver (better-sqlite3) finishes a whole transaction, fsync included, inside the microtasks of
 * the request that started it, so without that deferral every concurrent request would commit alone. Nobody
 * waits on a timer. If a shared write fails, each submission is retried alone so one bad batch cannot fail its
 * neighbours.
 */
export class GroupCommit<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private draining: Promise<void> | null = null;

  /** `write` returns one output per item, in order. */
  constructor(
    private readonly write: (items: readonly I[]) => Promise<O[]>,
    private readonly maxItems: number,
  ) {}

  submit(items: readonly I[]): Promise<O[]> {
    return new Promise<O[]>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.draining ??= new Promise<void>((r) => setImmediate(r)).then(() => this.drain());
    });
  }

  /** Resolves once every submission made so far has been written (or has failed). */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.writeGroup(this.takeGroup());
    } finally {
      this.draining = null;
    }
  }

  private takeGroup(): Waiting<I, O>[] {
    const group = [this.queue.shift() as Waiting<I, O>];
    let size = group[0]!.items.length;
    while (this.queue.length > 0 && size + this.queue[0]!.items.length <= this.maxItems) {
      const next = this.queue.shift() as Waiting<I, O>;
      size += next.items.length;
      group.push(next);
    }
    return group;
  }

  private async writeGroup(group: Waiting<I, O>[]): Promise<void> {
    if (group.length === 1) {
      const only = group[0]!;
      await this.write(only.items).then(only.resolve, only.reject);
      return;
    }
    let outputs: O[];
    try {
      outputs = await this.write(group.flatMap((w) => w.items));
    } catch {
      for (const w of group) await this.write(w.items).then(w.resolve, w.reject);
      return;
    }
    let offset = 0;
    for (const w of group) {
      w.resolve(outputs.slice(offset, offset + w.items.length));
      offset += w.items.length;
    }
  }
}
