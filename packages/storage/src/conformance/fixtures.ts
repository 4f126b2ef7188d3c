import assert from 'node:assert/strict';
import { isEngineError, type ErrorCode } from '@notewave/engine/errors.ts';
import type { Comment, EngineEvent, Note, User } from '@notewave/engine';

/** Test data builders: valid by default, any field overridable. */

export function user(id: string, over: Partial<User> = {}): User {
  return {
    id,
    handle: `h_${id}`.toLowerCase(),
    displayName: `User ${id}`,
    passwordHash: null,
    locale: 'zh-CN',
    market: 'CN',
    signupSource: 'organic',
    role: 'user',
    ageBand: null,
    gender: null,
    incomeBand: null,
    createdAt: 1_750_000_000_000,
    ...over,
  };
}

export function note(id: string, authorId: string, over: Partial<Note> = {}): Note {
  return {
    id,
    authorId,
    kind: 'image',
    title: `周末好去处 ${id}`,
    body: '杭州 city walk #探店# with a 🍵',
    tags: ['探店', 'citywalk'],
    category: 'travel/city-walk',
    language: 'zh',
    media: { images: [{ url: `https://img.example/${id}.jpg`, width: 1080, height: 1440 }] },
    createdAt: 1_750_000_000_000,
    editedAt: null,
    deleted: false,
    ...over,
  };
}

export function comment(id: string, noteId: string, authorId: string, over: Partial<Comment> = {}): Comment {
  return { id, noteId, authorId, parentId: null, body: `comment ${id}`, createdAt: 1_750_000_000_000, deleted: false, ...over };
}

/** Ids whose byte order differs from a case-insensitive or locale-aware order, to pin keyset paging to byte order. */
export const MIXED_CASE_IDS = ['A1', 'B2', 'a0', 'b_', 'Z9', 'z-', '_x', '0m'];

/** One event of every type, with every optional field used somewhere. */
export function everyEventType(userId: string): EngineEvent[] {
  const base = (cid: string) => ({ userId, clientEventId: cid, ts: 1_750_000_000_123 });
  return [
    { ...base('e1'), type: 'impression', noteId: 'n1', position: 3, exploration: true, surface: 'home', recId: 'r1' },
    { ...base('e2'), type: 'open', noteId: 'n1' },
    { ...base('e3'), type: 'dwell', noteId: 'n1', ms: 4500 },
    { ...base('e4'), type: 'view', noteId: 'n1', portion: 0.37, ms: 12000 },
    { ...base('e5'), type: 'like', noteId: 'n1' },
    { ...base('e6'), type: 'unlike', noteId: 'n1' },
    { ...base('e7'), type: 'save', noteId: 'n1', collectionId: 'c1' },
    { ...base('e8'), type: 'unsave', noteId: 'n1' },
    { ...base('e9'), type: 'comment', noteId: 'n1', commentId: 'cm1' },
    { ...base('e10'), type: 'share', noteId: 'n1', surface: 'detail' },
    { ...base('e11'), type: 'follow', targetUserId: 'u9' },
    { ...base('e12'), type: 'unfollow', targetUserId: 'u9' },
    { ...base('e13'), type: 'not_interested', targetKind: 'tag', target: '减脂餐' },
    { ...base('e14'), type: 'report', noteId: 'n1', reason: 'spam' },
    { ...base('e15'), type: 'search', query: '杭州 探店', resultIds: ['n3', 'n1', 'n2'], searchId: 's1' },
    { ...base('e16'), type: 'search_click', noteId: 'n1', query: '杭州 探店', searchId: 's1', position: 1 },
    { ...base('e17'), type: 'view', noteId: 'n2', portion: 1 },
    { ...base('e18'), type: 'search', query: 'empty', resultIds: [] },
    // text that array literals and JSON both have to escape
    { ...base('NULL'), type: 'report', noteId: 'n,{1}', reason: 'say "hi", {x} \\ NULL\n\u0001 ☃' },
  ];
}

export function viewEvent(userId: string, clientEventId: string, ts = 1_750_000_000_000): EngineEvent {
  return { userId, clientEventId, ts, type: 'view', noteId: 'n1', portion: 0.5 };
}

/** Asserts that `p` rejects with an EngineError carrying `code`. */
export async function rejectsWithCode(p: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isEngineError(e), `expected an EngineError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}
