import cliProgress from 'cli-progress';

/**
 * The one progress display of the CLI and the benchmarks: a live bar (cli-progress) on a terminal, and otherwise
 * (logs, CI, nohup) a line each time another tenth is done, so long runs still show where they are.
 */
export interface Progress {
  /** `done` of `total` (a new total when given); `info` is shown after the counts (e.g. a training loss). */
  update(done: number, total?: number, info?: string): void;
  /** Ends the display with a summary line; `note` is appended to it. */
  stop(note?: string): void;
}

/** Where progress is drawn: a terminal stream gets the live bar. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function progress(label: string, total: number, stream: ProgressStream = process.stderr, now: () => number = Date.now): Progress {
  return stream.isTTY === true ? liveBar(label, total, stream as NodeJS.WriteStream) : logLines(label, total, stream, now);
}

function liveBar(label: string, total: number, stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total} eta {eta_formatted} {info}`, hideCursor: true, stream, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(1, total), 0, { info: '' });
  let stopped = false;
  return {
    update(done, t, info) {
      if (t !== undefined && t !== total) {
        total = t;
        bar.setTotal(Math.max(1, t));
      }
      bar.update(done, { info: info ?? '' });
    },
    stop(note) {
      if (stopped) return;
      stopped = true;
      bar.stop();
      if (note) stream.write(`${label}: ${note}\n`);
    },
  };
}

function logLines(label: string, total: number, stream: ProgressStream, now: () => number): Progress {
  const started = now();
  let lastTenth = -1;
  let lastDone = 0;
  let stopped = false;
  const seconds = () => ((now() - started) / 1000).toFixed(1);
  const count = (n: number) => n.toLocaleString('en-US');
  return {
    update(done, t, info) {
      lastDone = done;
      if (t !== undefined) total = t;
      const tenth = total > 0 ? Math.min(10, Math.floor((done / total) * 10)) : 10;
      if (tenth <= lastTenth) return;
      lastTenth = tenth;
      stream.write(`${label}: ${tenth * 10}% (${count(done)}/${count(total)}, ${seconds()} s)${info ? ` ${info}` : ''}\n`);
    },
    stop(note) {
      if (stopped) return;
      stopped = true;
      stream.write(`${label}: done, ${count(lastDone)} in ${seconds()} s${note ? ` ${note}` : ''}\n`);
    },
  };
}
