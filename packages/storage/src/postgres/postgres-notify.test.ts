import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStorage } from '../open-storage.ts';
import { user } from '../conformance/fixtures.ts';
import { dropSchema, throwawaySchemaName } from './throwaway-schema.ts';

const url = process.env.TEST_POSTGRES_URL;

test('a store opened without notifications wakes no listener, yet still tells its own process', { skip: url ? false : 'TEST_POSTGRES_URL not set' }, async (t) => {
  const schema = throwawaySchemaName('quiet');
  t.after(() => dropSchema(url as string, schema));
  const loud = await openStorage(url as string, { schema, migrate: true });
  t.after(() => loud.close());
  const quiet = await openStorage(url as string, { schema, notify: false });
  t.after(() => quiet.close());

  let woken = 0;
  const stopListening = await loud.changes.watch(() => woken++);
  t.after(stopListening);
  let own = 0;
  const stopOwn = await quiet.changes.watchOwnCommits(() => own++);
  t.after(stopOwn);
  const stopQuiet = await quiet.changes.watch(() => assert.fail('a store without notifications does not listen'));
  t.after(stopQuiet);
  const afterConnect = woken;

  await quiet.users.createUser(user('u1'));
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(woken, afterConnect, 'no NOTIFY from the quiet store');
  assert.equal(own, 1);
  assert.equal((await loud.changes.readSince(0, 10)).length, 1, 'the change is in the log all the same');

  await loud.users.createUser(user('u2'));
  const start = Date.now();
  while (woken === afterConnect && Date.now() - start < 5_000) await new Promise((r) => setTimeout(r, 5));
  assert.ok(woken > afterConnect, 'the notifying store still wakes listeners');
});
