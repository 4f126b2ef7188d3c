import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRng } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { dropSchema, throwawaySchemaName } from '@notewave/storage/postgres/throwaway-schema.ts';
import { NOTE, startTestNode, type TestNode } from '../testing/test-node.ts';
import { HostileValues, RAW_URL_PIECES, type Schema } from '../testing/hostile-values.ts';

/*
 * Hostile requests against every operation of the node's own OpenAPI document, in-process (inject): wrong types,
 * huge and broken strings, NUL and lone surrogates, bad percent-encoding, missing and extra fields, bad JSON, wrong
 * content types and broken multipart. Seeded, so a failure names a request that can be replayed. Every answer must
 * be below 500 and every error must have the `{ error: { code, message } }` shape.
 */

const REQUESTS = 5_200;
const SEED = 20_260_101;

interface Operation {
  method: string;
  path: string;
  params: { in: string; name: string; schema: Schema }[];
  body: Schema | null;
}

interface Fixture {
  token: string;
  /** Sent to the logout route instead, so signing out does not end the session the rest of the run uses. */
  spareToken: string;
  ids: Record<string, string[]>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI operation object is read field by field
function operations(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      out.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema ?? (op.requestBody ? {} : null),
      });
    }
  }
  return out;
}

let fixtures = 0;

async function fixture(node: TestNode): Promise<Fixture> {
  const n = fixtures++;
  const mei = await node.register(`fuzz_mei_${n}`);
  const tom = await node.register(`fuzz_tom_${n}`);
  const note = (await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, tags: ['fuzz'] } })).json;
  const comment = (await node.call('POST', `/api/notes/${note.id}/comments`, { token: tom.token, body: { body: 'hi' } })).json;
  const collection = (await node.call('POST', '/api/collections', { token: mei.token, body: { name: 'fuzz' } })).json;
  return {
    token: mei.token,
    spareToken: tom.token,
    ids: {
      id: [note.id, mei.user.id, tom.user.id, comment.id, collection.id],
      name: ['missing.png', 'a.png'],
      file: [`${note.id}.svg`, 'x.svg'],
    },
  };
}

function encode(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
  try {
    return encodeURIComponent(s);
  } catch {
    // A lone surrogate has no percent-encoding: send its WTF-8 bytes as they are.
    return '%ED%A0%80';
  }
}

const MULTIPART = [
  '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\0\0\r\n--XYZ--\r\n',
  '--XYZ\r\nContent-Disposition: form-data; name="file"\r\n\r\nGIF89a',
  '--XYZ\r\n\r\n',
  '--XYZ\r\nContent-Disposition: form-data; name="other"\r\n\r\nvalue\r\n--XYZ--\r\n',
  'not multipart at all',
  '',
];

function request(h: HostileValues, op: Operation, fx: Fixture): { method: string; url: string; headers: Record<string, string>; payload?: string } {
  let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    h.chance(0.6) ? encode(h.pick(fx.ids[name] ?? fx.ids.id!)) : h.chance(0.5) ? h.pick(RAW_URL_PIECES) : encode(h.value({ type: 'string' })),
  );
  const query: string[] = [];
  for (const p of op.params.filter((x) => x.in === 'query')) {
    if (h.chance(0.4)) continue;
    const v = h.chance(0.2) ? h.pick(RAW_URL_PIECES) : encode(h.value(p.schema));
    query.push(`${p.name}=${v}`);
    if (h.chance(0.05)) query.push(`${p.name}=${v}`);
  }
  if (h.chance(0.05)) query.push(`${h.pick(RAW_URL_PIECES)}=${h.pick(RAW_URL_PIECES)}`);
  if (query.length > 0) url += `?${query.join('&')}`;
  const headers: Record<string, string> = {};
  const auth = h.rng.int(10);
  if (auth < 8) headers.authorization = `Bearer ${op.path === '/api/auth/logout' ? fx.spareToken : fx.token}`;
  else if (auth === 8) headers.authorization = h.pick(['Bearer nope', 'Bearer ', 'Basic YTpi', 'Bearer a b']);
  if (op.path === '/api/uploads') {
    headers['content-type'] = h.pick(['multipart/form-data; boundary=XYZ', 'multipart/form-data', 'multipart/form-data; boundary=OTHER', 'application/json']);
    return { method: op.method, url, headers, payload: h.pick(MULTIPART) };
  }
  if (op.body === null && h.chance(0.9)) return { method: op.method, url, headers };
  const kind = h.rng.int(10);
  let payload: string;
  if (kind < 7) payload = JSON.stringify(h.value({ ...op.body, type: 'object' }));
  else if (kind === 7) payload = h.pick(['{', '{"a":', '[1,2', '{"events":[{]}', 'nul', '"\\ud800"', '{"a":"\\u0000"}', '\u0000']);
  else payload = JSON.stringify(h.hostile());
  headers['content-type'] = kind === 9 ? h.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=XYZ', 'application/json; charset=latin1']) : 'application/json';
  return { method: op.method, url, headers, payload };
}

async function fuzz(node: TestNode): Promise<void> {
  const doc = (await node.call('GET', '/openapi.json')).json;
  const ops = operations(doc);
  assert.ok(ops.length >= 30, `only ${ops.length} operations in the document`);
  const h = new HostileValues(new SeededRng(SEED));
  let fx = await fixture(node);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < REQUESTS; i++) {
    const op = ops[i % ops.length] as Operation;
    const req = request(h, op, fx);
    const res = await node.http.inject({ ...req, method: req.method as 'GET' });
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    let shaped = true;
    if (res.statusCode >= 400) {
      try {
        const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
        shaped = typeof body.error?.code === 'string' && typeof body.error?.message === 'string';
      } catch {
        shaped = false;
      }
    }
    if (res.statusCode >= 500 || !shaped) failures.push(`#${i} ${req.method} ${req.url.slice(0, 200)} ${String(req.payload).slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    // Deleting the note or a hostile edit of the fixture would starve the rest of the run: renew it now and then.
    if (i % 400 === 399) fx = await fixture(node);
  }
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} bad answers; statuses ${JSON.stringify([...statuses])}`);
  assert.ok((statuses.get(200) ?? 0) + (statuses.get(201) ?? 0) > 100, `too few successes to mean anything: ${JSON.stringify([...statuses])}`);
}

test(`${REQUESTS} hostile requests across every documented route on SQLite: no 5xx, every error in the error shape`, async () => {
  const node = await startTestNode({ NOTEWAVE_RATE_LIMITS: 'false' });
  try {
    await fuzz(node);
  } finally {
    await node.close();
  }
});

const PG_URL = process.env.TEST_POSTGRES_URL;

test(`${REQUESTS} hostile requests across every documented route on PostgreSQL`, { skip: PG_URL ? false : 'TEST_POSTGRES_URL not set' }, async () => {
  const schema = throwawaySchemaName('fuzz');
  const storage = await openStorage(PG_URL as string, { schema });
  let node: TestNode | null = null;
  try {
    await storage.migrate();
    node = await startTestNode({ NOTEWAVE_RATE_LIMITS: 'false', NOTEWAVE_EVENT_TAIL_MS: '0' }, { storage });
    await fuzz(node);
  } finally {
    if (node) await node.close();
    else await storage.close();
    await dropSchema(PG_URL as string, schema);
  }
});
