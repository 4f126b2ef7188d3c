import { createNode } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Command } from '../command.ts';
import { parseFlags } from '../flags.ts';

/**
 * How long a node that can no longer catch up through the change log keeps answering 503 on /health before it exits,
 * so load balancers polling /health take it out of rotation first.
 */
const MISSED_CHANGES_DRAIN_MS = 15_000;
/** The exit code then (EX_TEMPFAIL): a failure, so systemd's `Restart=on-failure` and compose restart the process. */
const EXIT_REBUILD = 75;

export const command: Command = {
  summary: 'Start the server (API, background jobs, or both, by NOTEWAVE_ROLE)',
  usage: [
    'usage: notewave serve [--port N] [--host H] [--role all|api|worker] [--db URL]',
    'Flags override the NOTEWAVE_* environment variables; see notewave.example.env for every setting.',
  ].join('\n'),
  async run(argv) {
    const flags = parseFlags(argv, ['port', 'host', 'role', 'db']);
    const { config, warnings } = loadConfig({
      NOTEWAVE_PORT: flags.port,
      NOTEWAVE_HOST: flags.host,
      NOTEWAVE_ROLE: flags.role,
      NOTEWAVE_DATABASE_URL: flags.db,
    });
    let stop: (reason: string, code?: number) => void = () => {};
    const node = await createNode(config, {
      onLoadProgress: (r) => console.error(`loading engine: ${r.users} users, ${r.notes} notes, ${r.follows} follows, ${r.events} events replayed so far`),
      // Restarted by its supervisor, the node rebuilds from storage and follows the log from there: caught up again.
      onMissedChanges: () => void setTimeout(() => stop('missed changes: restarting to rebuild from storage', EXIT_REBUILD), MISSED_CHANGES_DRAIN_MS),
    });
    for (const w of warnings) node.http.log.warn(w);
    const { users, notes, events } = node.loaded;
    console.error(`engine ready: ${users} users, ${notes} notes, ${events} events replayed`);
    node.http.log.info({ users, notes, events, role: config.role, storage: node.storage.capabilities.backend }, 'engine loaded');

    let stopping = false;
    stop = (reason, code = 0) => {
      if (stopping) return;
      stopping = true;
      node.http.log.info({ reason }, 'shutting down: finishing in-flight requests');
      node.close().then(
        () => process.exit(code),
        (err: unknown) => {
          node.http.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));

    const url = await node.start();
    const shown = url?.replace('://0.0.0.0', '://127.0.0.1');
    console.log(config.role === 'worker' ? `notewave worker running (health and metrics at ${shown})` : `notewave listening at ${shown} (docs at ${shown}/docs)`);
    // Keep running until a signal arrives; the listening socket and job timers hold the process open.
    await new Promise<never>(() => {});
    return 0;
  },
};
