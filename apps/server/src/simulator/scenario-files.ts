import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, join } from 'node:path';
import { parseScenario, type Scenario } from './scenario.ts';

/** The scenarios shipped with Notewave (`scenarios/*.json` at the top of the repository), the same from src and dist. */
export const SCENARIO_DIR = fileURLToPath(new URL('../../../../scenarios/', import.meta.url));

export function shippedScenarios(): string[] {
  return existsSync(SCENARIO_DIR) ? readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json')).sort() : [];
}

/** Loads a scenario by shipped name (`refugee-wave`) or by path to a JSON file, and validates it. */
export function loadScenario(nameOrPath: string): Scenario {
  const path = nameOrPath.endsWith('.json') || nameOrPath.includes('/') ? nameOrPath : join(SCENARIO_DIR, `${nameOrPath}.json`);
  if (!existsSync(path)) {
    const names = shippedScenarios();
    throw new Error(`no scenario '${nameOrPath}'${names.length ? ` (shipped: ${names.join(', ')}; or give a path to a .json file)` : ''}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseScenario(raw, path);
}
