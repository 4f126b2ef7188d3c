/**
 * One `notewave` subcommand. A module of its own so that the commands and the dispatcher in main.ts both import it
 * and never each other (main.ts awaits at top level, so a command importing a value from it would deadlock).
 */
export interface Command {
  summary: string;
  usage?: string;
  run(argv: string[]): Promise<number>;
}
