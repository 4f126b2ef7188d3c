// Regenerates docs/openapi.json from the live route schemas: node --import tsx --conditions=notewave-source apps/server/src/scripts/write-openapi.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OPENAPI_PATH, renderOpenApi } from '../http/openapi-document.ts';

writeFileSync(OPENAPI_PATH, await renderOpenApi());
console.log(`wrote ${fileURLToPath(OPENAPI_PATH)}`);
