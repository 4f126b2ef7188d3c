import { openStorage } from '@notewave/storage';
import { loadConfig } from '../../config.ts';
import { listOperators, setOperator } from '../../services/operators.ts';
import type { Command } from '../command.ts';
import { parseFlags } from '../flags.ts';

const USAGE = [
  'usage: notewave operator grant <handle> [--db URL]',
  '       notewave operator revoke <handle> [--db URL]',
  '       notewave operator list [--db URL]',
  '(default database: NOTEWAVE_DATABASE_URL; the account must already exist)',
].join('\n');

/** Runs against the database directly: whoever can run it already holds the data, so it needs no sign-in. */
export async function runOperator(argv: readonly string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string[] }> {
  const [action, ...rest] = argv;
  const handle = action === 'list' ? undefined : rest.shift();
  if (!action || !['grant', 'revoke', 'list'].includes(action) || (action !== 'list' && (!handle || handle.startsWith('--')))) {
    return { code: 2, out: [USAGE] };
  }
  const flags = parseFlags(rest, ['db']);
  const { config } = loadConfig({ ...env, NOTEWAVE_DATABASE_URL: flags.db ?? env.NOTEWAVE_DATABASE_URL });
  const storage = await openStorage(config.databaseUrl);
  try {
    if (config.autoMigrate) await storage.migrate();
    if (action === 'list') {
      const ops = await listOperators(storage.users);
      return { code: 0, out: ops.length === 0 ? ['no operators'] : ops.map((u) => `${u.id}\t${u.handle}\t${u.displayName}`) };
    }
    const u = await setOperator(storage.users, handle as string, action === 'grant');
    return { code: 0, out: [`${u.handle} (${u.id}) is ${action === 'grant' ? 'now an operator' : 'no longer an operator'}`] };
  } finally {
    await storage.close();
  }
}

export const command: Command = {
  summary: 'Grant, revoke or list the operator role of existing accounts',
  usage: USAGE,
  async run(argv) {
    const { code, out } = await runOperator(argv);
    for (const line of out) (code === 0 ? console.log : console.error)(line);
    return code;
  },
};
