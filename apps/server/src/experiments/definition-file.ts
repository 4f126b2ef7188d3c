import { readFileSync } from 'node:fs';
import { Value } from 'typebox/value';
import { ExperimentInput } from '@notewave/api-client';

/**
 * An experiment definition as `POST /api/experiments` takes it, checked against the API's schema, so a file the CLI
 * or the simulator reads is held to exactly what the API accepts. Throws an Error listing the first problems.
 */
export function checkExperimentDefinition(raw: unknown, source = 'the definition'): ExperimentInput {
  if (Value.Check(ExperimentInput, raw)) return raw;
  const errors = [...Value.Errors(ExperimentInput, raw)].slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
  throw new Error(`${source} is not valid (as POST /api/experiments takes it):\n  ${errors.join('\n  ')}`);
}

/** Reads and checks a definition file (`-` reads standard input). */
export function readExperimentDefinition(path: string): ExperimentInput {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path === '-' ? 0 : path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the definition ${path === '-' ? 'from standard input' : path}: ${(err as Error).message}`, { cause: err });
  }
  return checkExperimentDefinition(raw, path === '-' ? 'the definition' : path);
}
