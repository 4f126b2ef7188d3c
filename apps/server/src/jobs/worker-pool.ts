import { Worker } from 'node:worker_threads';

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** The module named `name` beside `fromUrl`, with the same extension: `.ts` when running the sources, `.js` compiled. */
export function siblingModule(fromUrl: string, name: string): URL {
  return new URL(`./${name}${fromUrl.endsWith('.ts') ? '.ts' : '.js'}`, fromUrl);
}

/**
 * A fixed set of worker threads running one module, with request/response messages
 * (`{ id, ...task }` → `{ id, result } | { id, error }`). Tasks sent to one worker run in order.
 */
export class WorkerPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(moduleUrl: URL, readonly size: number) {
    // Compiled JavaScript runs as the worker itself; a TypeScript source (tests, development) goes through an entry
    // that registers the TypeScript loader first.
    const source = moduleUrl.pathname.endsWith('.ts');
    const entry = source ? new URL('./worker-entry.mjs', import.meta.url) : moduleUrl;
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(entry, { workerData: { module: moduleUrl.href } });
      w.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.error !== undefined) p.reject(new Error(msg.error));
        else p.resolve(msg.result);
      });
      w.on('error', (err) => this.failAll(err));
      // A worker stopped by `close` (or one that exits) answers nothing more: its callers get an error, not a wait.
      w.on('exit', () => this.failAll(new Error('worker thread stopped')));
      return w;
    });
  }

  /** Sends a task to worker `index` and resolves with its result. */
  call<T>(index: number, task: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.workers[index]!.postMessage({ ...task, id }, transfer);
    });
  }

  /** Sends the same task to every worker. */
  broadcast<T>(task: Record<string, unknown>): Promise<T[]> {
    return Promise.all(this.workers.map((_, i) => this.call<T>(i, task)));
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Splits rows [0, n) into `parts` contiguous ranges of about equal cost, where row r costs base + ptr[r+1] − ptr[r]. */
export function balancedRanges(ptr: Int32Array, parts: number, base: number): [number, number][] {
  const n = ptr.length - 1;
  const total = n * base + ptr[n]!;
  const out: [number, number][] = [];
  let from = 0;
  for (let p = 1; p <= parts; p++) {
    const target = (total * p) / parts;
    let to = p === parts ? n : from;
    while (p < parts && to < n && to * base + ptr[to]! < target) to++;
    out.push([from, to]);
    from = to;
  }
  return out;
}
