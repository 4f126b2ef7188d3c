import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP relay to a real server that a test can cut and restore, to play a network outage between one
 * client and that server without stopping the server others use.
 */
export class TcpCut {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly target: { host: string; port: number },
    public readonly port: number,
  ) {}

  /** Starts relaying on a free loopback port. */
  static async open(target: { host: string; port: number }): Promise<TcpCut> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const cut = new TcpCut(target, port);
    await cut.restore();
    return cut;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Listens again on the same port. */
  async restore(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => {});
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Drops every relayed connection and refuses new ones until `restore`. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
