/** A recurring background job; `run` should return promptly once `signal` aborts. */
export interface Job {
  name: string;
  everyMs: number;
  run(signal: AbortSignal): Promise<void>;
}

export interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Runs jobs on fixed intervals. A job never overlaps itself (the next run is scheduled when the previous one
 * ends), and `stop` waits for running jobs so shutdown does not cut a model write in half.
 */
export class JobRunner {
  private readonly jobs: Job[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private started = false;

  constructor(private readonly log: JobLog) {}

  add(job: Job): this {
    this.jobs.push(job);
    if (this.started) this.schedule(job);
    return this;
  }

  get names(): string[] {
    return this.jobs.map((j) => j.name);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs) this.schedule(job);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private schedule(job: Job): void {
    if (this.abort.signal.aborted) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      const p = job
        .run(this.abort.signal)
        .catch((err: unknown) => this.log.error({ err, job: job.name }, 'job failed'))
        .finally(() => {
          this.running.delete(p);
          this.schedule(job);
        });
      this.running.add(p);
    }, job.everyMs);
    t.unref();
    this.timers.add(t);
  }
}
