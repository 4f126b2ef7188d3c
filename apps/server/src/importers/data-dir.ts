import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** The shared licensed datasets live beside the repository, never inside it. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));
export const SHARED_DATA_DIR = resolve(REPO_ROOT, '../shared/data');

/** `<repo>/../shared/data/<name>` when present, else null. */
export function sharedDataset(name: string): string | null {
  const dir = resolve(SHARED_DATA_DIR, name);
  return existsSync(dir) ? dir : null;
}
