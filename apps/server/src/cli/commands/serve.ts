import { createNode } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Command } from '../command.ts';
import { parseFlags } from '../flags.ts';

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
    const node = await createNode(config, {
      onLoadProgress: (r) => console.error(`loading engine: ${r.users} users, ${r.notes} notes, ${r.follows} follows, ${r.events} events replayed so far`),
    });
    for (const w of warnings) node.http.log.warn(w);
    const { users, notes, events } = node.loaded;
    console.error(`engine ready: ${users} users, ${notes} notes, ${events} events replayed`);
    node.http.log.info({ users, notes, events, role: config.role, storage: node.storage.capabilities.backend }, 'engine loaded');

    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      node.http.log.info({ signal }, 'shutting down: finishing in-flight requests');
      node.close().then(
        () => process.exit(0),
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
