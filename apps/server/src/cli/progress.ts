import cliProgress from 'cli-progress';

/** A progress display for long CLI jobs: a live bar on a terminal, a line every 10% otherwise (logs, CI). */
export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export function progress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label.padEnd(10)} [{bar}] {percentage}% {value}/{total} eta {eta_formatted}`, hideCursor: true, stream, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(1, total), 0);
    return {
      update(done, t) {
        if (t !== undefined && t !== total) {
          total = t;
          bar.setTotal(Math.max(1, t));
        }
        bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let lastDecile = -1;
  let lastDone = 0;
  const started = Date.now();
  return {
    update(done, t) {
      lastDone = done;
      if (t !== undefined) total = t;
      const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(`${label}: ${Math.min(100, decile * 10)}% (${done}/${total}, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      }
    },
    stop() {
      stream.write(`${label}: done, ${lastDone} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    },
  };
}
