import { parseConfig } from '../config.ts';
import { createNode } from '../app.ts';

/**
 * The OpenAPI document of a fresh in-memory node, serialised stably. The committed docs/openapi.json must equal
 * it; `node --import tsx --conditions=notewave-source apps/server/src/scripts/write-openapi.ts` regenerates the file.
 */
export async function renderOpenApi(): Promise<string> {
  const { config } = parseConfig({ NOTEWAVE_DATABASE_URL: 'sqlite::memory:', NOTEWAVE_LOG_LEVEL: 'silent', NOTEWAVE_SEED: '1' });
  const node = await createNode(config);
  try {
    await node.http.ready();
    return `${JSON.stringify(node.http.swagger(), null, 2)}\n`;
  } finally {
    await node.close();
  }
}

export const OPENAPI_PATH = new URL('../../../../docs/openapi.json', import.meta.url);
