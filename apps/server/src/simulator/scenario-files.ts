import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, join } from 'node:path';
import { parseScenario, type Scenario } from './scenario.ts';

/** The scenarios shipped with Notewave (`scenarios/*.json` at the top of the repository), the same from src and dist. */
export const SCENARIO_DIR = fileURLToPath(new URL('../../../../scenarios/', import.meta.url));

export function shippedScenarios(): string[] {
  return shippedNames(SCENARIO_DIR);
}

/** Loads a scenario by shipped name (`refugee-wave`) or by path to a JSON file, and validates it. */
export function loadScenario(nameOrPath: string): Scenario {
  const path = resolveShipped(SCENARIO_DIR, nameOrPath, 'scenario');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseScenario(raw, path);
}

/** The names of the JSON files shipped in a directory, sorted. */
export function shippedNames(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json')).sort() : [];
}

/**
 * The file a command-line argument names: a shipped file by its name, or any path (anything with a `/` or ending in
 * `.json`). A name or path that does not exist is an error listing what is shipped.
 */
export function resolveShipped(dir: string, nameOrPath: string, what: string): string {
  const path = nameOrPath.endsWith('.json') || nameOrPath.includes('/') ? nameOrPath : join(dir, `${nameOrPath}.json`);
  if (existsSync(path)) return path;
  const names = shippedNames(dir);
  throw new Error(`no ${what} '${nameOrPath}'${names.length ? ` (shipped: ${names.join(', ')}; or give a path to a .json file)` : ''}`);
}
