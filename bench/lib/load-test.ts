import autocannon from 'autocannon';
import { processCpuMs } from './cpu.ts';
import type { RawRequest } from 'autocannon';

export interface LoadTestOptions {
  url: string;
  connections: number;
  durationSec: number;
  /** Called for every request: set path, method, headers, body. */
  next(req: RawRequest): RawRequest;
  label: string;
  /** The server's pid, to charge the requests against its CPU time. */
  serverPid?: number;
}

export interface LoadTestResult {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  reqPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  durationSec: number;
  /** Server CPU time (user + system) used during the run, and 2xx responses per server CPU-second. */
  serverCpuMs: number;
  okPerServerCpuSec: number;
}

/** Closed-loop load over loopback with autocannon; latency figures are autocannon's (whole milliseconds). */
export async function loadTest(o: LoadTestOptions): Promise<LoadTestResult> {
  const instance = autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.durationSec,
    timeout: 30,
    requests: [{ setupRequest: (req) => o.next(req) }],
  });
  let done = 0;
  let lastPrint = performance.now();
  const t0 = lastPrint;
  instance.on('tick', (c) => {
    done += c.counter;
    const now = performance.now();
    if (now - lastPrint >= 5_000) {
      lastPrint = now;
      process.stderr.write(`  ${o.label}: ${done.toLocaleString('en-US')} requests, ${((now - t0) / 1000).toFixed(0)}/${o.durationSec} s\n`);
    }
  });
  const cpu0 = o.serverPid ? processCpuMs(o.serverPid) : Number.NaN;
  const r = await instance;
  const serverCpuMs = o.serverPid ? processCpuMs(o.serverPid) - cpu0 : Number.NaN;
  return {
    requests: r.requests.total,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    reqPerSec: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    durationSec: r.duration,
    serverCpuMs,
    okPerServerCpuSec: r['2xx'] / (serverCpuMs / 1000),
  };
}
