import type { Command } from './command.ts';

/**
 * `notewave <command> [args]`: each command is a module under ./commands exporting a `Command`. Modules load lazily
 * so `notewave serve` does not pay for the evaluation code.
 */
const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  demo: () => import('./commands/demo.ts'),
  serve: () => import('./commands/serve.ts'),
  migrate: () => import('./commands/migrate.ts'),
  seed: () => import('./commands/seed.ts'),
  import: () => import('./commands/import.ts'),
  eval: () => import('./commands/eval.ts'),
  train: () => import('./commands/train.ts'),
  bench: () => import('./commands/bench.ts'),
  backup: () => import('./commands/backup.ts'),
  restore: () => import('./commands/restore.ts'),
  report: () => import('./commands/report.ts'),
  operator: () => import('./commands/operator.ts'),
  experiment: () => import('./commands/experiment.ts'),
  simulate: () => import('./commands/simulate.ts'),
};

async function printHelp(): Promise<void> {
  const lines = ['usage: notewave <command> [options]', '', 'commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const summary = await load().then((m) => m.command.summary, () => '(not available in this build)');
    lines.push(`  ${name.padEnd(10)} ${summary}`);
  }
  lines.push('', 'Run `notewave <command> --help` for a command\'s options.');
  console.log(lines.join('\n'));
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await printHelp();
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`notewave: unknown command '${name}'. Run 'notewave --help' for the list.`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`notewave ${name}: ${command.summary}\n${command.usage ?? ''}`);
    return 0;
  }
  return command.run(rest);
}

process.exitCode = await main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  return 1;
});
