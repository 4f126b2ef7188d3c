import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, createClient, type FetchLike } from '@notewave/api-client';
import { NOTE, startTestNode, type TestNode } from '../testing/test-node.ts';

/** The client's fetch, answered by the in-process app. */
function injectFetch(node: TestNode): FetchLike {
  return async (input, init = {}) => {
    const url = new URL(input);
    const res = await node.http.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: url.pathname + url.search,
      headers: init.headers as Record<string, string>,
      payload: typeof init.body === 'string' ? init.body : undefined,
    });
    return new Response(res.statusCode === 204 ? null : res.rawPayload, { status: res.statusCode, headers: res.headers as Record<string, string> });
  };
}

test('the typed client covers own-data, reporting and moderation calls', async () => {
  const node = await startTestNode();
  try {
    const fetch = injectFetch(node);
    const mei = createClient({ baseUrl: 'http://notewave.test', fetch });
    const tom = createClient({ baseUrl: 'http://notewave.test', fetch });
    const op = createClient({ baseUrl: 'http://notewave.test', fetch });
    const reg = { password: 'correct horse', displayName: 'x', locale: 'en-US', market: 'US' };
    const meiS = await mei.auth.register({ ...reg, handle: 'mei_lin' });
    await tom.auth.register({ ...reg, handle: 'tom_w' });
    const opS = await op.auth.register({ ...reg, handle: 'op_anna' });
    await node.storage.users.setRole(opS.user.id, 'operator');

    const note = await mei.notes.create({ ...NOTE, kind: 'image' });
    const report = await tom.report({ targetKind: 'note', targetId: note.id, reason: 'spam' });
    assert.deepEqual((await op.moderation.reports()).items.map((r) => r.id), [report.id]);
    assert.equal((await op.moderation.resolveReport(report.id)).status, 'resolved');
    await assert.rejects(tom.moderation.reports(), (e: unknown) => e instanceof ApiError && e.status === 403);
    assert.equal((await op.moderation.suspend(meiS.user.id, 'spam')).suspension?.reason, 'spam');
    assert.equal((await op.moderation.user(meiS.user.id)).suspension?.by, opS.user.id);
    assert.equal((await op.moderation.unsuspend(meiS.user.id)).suspension, null);

    await mei.auth.login({ handle: 'mei_lin', password: 'correct horse' });
    assert.equal((await mei.account.sessions()).items.length, 1, 'the suspension ended the first session');
    await mei.account.changePassword({ currentPassword: 'correct horse', newPassword: 'another secret' });
    assert.equal((await mei.account.revokeOtherSessions()).revoked, 0);
    assert.deepEqual((await mei.account.export()).notes.map((n) => n.id), [note.id]);
    await mei.account.delete({ password: 'another secret' });
    await assert.rejects(mei.me(), (e: unknown) => e instanceof ApiError && e.status === 401);
  } finally {
    await node.close();
  }
});
