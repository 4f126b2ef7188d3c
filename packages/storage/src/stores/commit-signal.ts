/**
 * Tells listeners in this process that one of its transactions committed a change or appended events. Fired after
 * the commit, never inside the transaction: a node told of it elsewhere must find the rows when it reads.
 */
export class CommitSignal {
  private readonly listeners = new Set<() => void>();

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  fire(): void {
    for (const listener of this.listeners) {
      // A listener's failure (a bus that is down) must not fail the write that already committed.
      try {
        listener();
      } catch {
        // The listener owns its errors; the committed rows stay readable by seq whatever it did.
      }
    }
  }
}
