import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStorage } from '@notewave/storage';
import { runOperator } from '../cli/commands/operator.ts';
import { startTestNode } from '../testing/test-node.ts';
import { applyConfiguredOperators } from './operators.ts';

test('configured operator ids are granted at start-up to existing accounts only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-operators-'));
  const db = `sqlite://${join(dir, 'notewave.db')}`;
  try {
    const first = await startTestNode({ NOTEWAVE_DATABASE_URL: db });
    const mei = await first.register('mei_lin');
    await first.close();

    const node = await startTestNode({ NOTEWAVE_DATABASE_URL: db, NOTEWAVE_OPERATOR_IDS: `${mei.user.id},u_nobody` });
    try {
      assert.equal((await node.storage.users.getUser(mei.user.id))?.role, 'operator');
      assert.equal(await node.storage.users.getUser('u_nobody'), null, 'an unknown id creates nothing');
      const s = (await node.call('POST', '/api/auth/login', { body: { handle: 'mei_lin', password: 'correct horse' } })).json;
      assert.equal((await node.call('GET', '/api/moderation/reports', { token: s.token })).status, 200);
    } finally {
      await node.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('applying the configured ids reports the missing ones and skips accounts that already are operators', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    const base = { displayName: 'x', passwordHash: null, locale: 'en', market: 'US', signupSource: 'organic', ageBand: null, gender: null, incomeBand: null, createdAt: 1 } as const;
    await storage.users.insertUsers([{ ...base, id: 'u_a', handle: 'aaa', role: 'user' }, { ...base, id: 'u_b', handle: 'bbb', role: 'operator' }]);
    assert.deepEqual(await applyConfiguredOperators(storage.users, ['u_a', 'u_b', 'u_c']), { granted: ['u_a'], missing: ['u_c'] });
  } finally {
    await storage.close();
  }
});

test('the operator command grants, lists and revokes the role by handle in the named database', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-operator-cli-'));
  const db = `sqlite://${join(dir, 'notewave.db')}`;
  try {
    const node = await startTestNode({ NOTEWAVE_DATABASE_URL: db });
    const mei = await node.register('mei_lin');
    await node.close();

    assert.deepEqual(await runOperator(['list', '--db', db]), { code: 0, out: ['no operators'] });
    const granted = await runOperator(['grant', 'Mei_Lin', '--db', db]);
    assert.equal(granted.code, 0);
    assert.match(granted.out[0]!, /mei_lin .* is now an operator/);
    assert.deepEqual((await runOperator(['list', '--db', db])).out, [`${mei.user.id}\tmei_lin\tmei_lin`]);
    await assert.rejects(runOperator(['grant', 'nobody_here', '--db', db]), /no account with the handle 'nobody_here'/);
    assert.equal((await runOperator(['revoke', 'mei_lin', '--db', db])).code, 0);
    assert.deepEqual((await runOperator(['list', '--db', db])).out, ['no operators']);
    assert.equal((await runOperator(['promote', 'mei_lin'])).code, 2);
    assert.equal((await runOperator(['grant'])).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
