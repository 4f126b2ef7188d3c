import { parseArgs } from 'node:util';

/**
 * Parses `--name value` and `--name=value` flags with node:util's parseArgs in strict mode: an unknown flag, a stray
 * argument or a flag without its value is an error, so typos do not pass silently.
 */
export function parseFlags(argv: readonly string[], known: readonly string[]): Record<string, string | undefined> {
  const options = Object.fromEntries(known.map((name) => [name, { type: 'string' as const }]));
  try {
    return { ...parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const named = /'([^' ]+)/.exec((err as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new Error(`unknown option ${named} (known: ${known.map((k) => `--${k}`).join(', ')})`, { cause: err });
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new Error(`unexpected argument '${named}'`, { cause: err });
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new Error(`${named} needs a value`, { cause: err });
    throw err;
  }
}
