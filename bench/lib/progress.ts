/**
 * A progress line on stderr. On a terminal it redraws in place; in a log file (nohup) it prints a line
 * every few seconds, so long runs still show where they are.
 */
export class Progress {
  private readonly t0 = performance.now();
  private lastDraw = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly label: string, private total: number) {}

  update(done: number, total = this.total): void {
    this.total = total;
    const now = performance.now();
    if (now - this.lastDraw < (this.tty ? 200 : 5_000) && done < total) return;
    this.lastDraw = now;
    const secs = (now - this.t0) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const pct = total > 0 ? Math.min(100, (100 * done) / total) : 0;
    const eta = rate > 0 && total > done ? ` eta ${Math.ceil((total - done) / rate)} s` : '';
    const text = `  ${this.label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${pct.toFixed(0)}%) ${Math.round(rate).toLocaleString('en-US')}/s ${secs.toFixed(0)} s${eta}`;
    if (this.tty) process.stderr.write(`\r${text.padEnd(100)}`);
    else process.stderr.write(`${text}\n`);
  }

  done(note = ''): void {
    const secs = (performance.now() - this.t0) / 1000;
    const text = `  ${this.label}: done in ${secs.toFixed(1)} s${note ? ` ${note}` : ''}`;
    process.stderr.write(this.tty ? `\r${text.padEnd(100)}\n` : `${text}\n`);
  }
}
