import { CollectionList, FollowState, IdParams, PageQuery, PrivateUser, UserPage, UserPatchInput, UserView } from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { BEARER, replies } from '../http/api-types.ts';
import { requireViewer } from '../http/viewer.ts';
import type { FollowsService } from '../services/follows.service.ts';
import type { ReactionsService } from '../services/reactions.service.ts';
import type { UsersService } from '../services/users.service.ts';

export function usersRoutes(app: Api, users: UsersService, follows: FollowsService, reactions: ReactionsService): void {
  app.get('/api/users/:id', {
    schema: {
      tags: ['users'],
      summary: 'A user: the private view (with demographics) for the user themself and operators, else the public one; '
        + 'a signed-in viewer also learns whether they follow them',
      params: IdParams,
      response: replies({ 200: UserView }),
    },
  }, async (req) => {
    const user = await users.view(req.viewer, req.params.id);
    return req.viewer ? { ...user, viewer: { following: await follows.isFollowing(req.viewer, user.id) } } : user;
  });

  app.patch('/api/users/:id', {
    schema: { tags: ['users'], summary: 'Edit your own profile', security: BEARER, params: IdParams, body: UserPatchInput, response: replies({ 200: PrivateUser }) },
  }, async (req) => users.update(requireViewer(req), req.params.id, req.body));

  app.post('/api/users/:id/follow', {
    schema: { tags: ['follows'], summary: 'Follow a user', security: BEARER, params: IdParams, response: replies({ 200: FollowState }) },
  }, async (req) => follows.follow(requireViewer(req), req.params.id));

  app.delete('/api/users/:id/follow', {
    schema: { tags: ['follows'], summary: 'Unfollow a user', security: BEARER, params: IdParams, response: replies({ 200: FollowState }) },
  }, async (req) => follows.unfollow(requireViewer(req), req.params.id));

  app.get('/api/users/:id/followers', {
    schema: { tags: ['follows'], summary: 'Who follows this user', params: IdParams, querystring: PageQuery, response: replies({ 200: UserPage }) },
  }, async (req) => follows.followers(req.params.id, req.query));

  app.get('/api/users/:id/following', {
    schema: { tags: ['follows'], summary: 'Whom this user follows', params: IdParams, querystring: PageQuery, response: replies({ 200: UserPage }) },
  }, async (req) => follows.following(req.params.id, req.query));

  app.get('/api/users/:id/collections', {
    schema: { tags: ['collections'], summary: "A user's collections, oldest first (collections are public)", params: IdParams, response: replies({ 200: CollectionList }) },
  }, async (req) => {
    await users.require(req.params.id);
    return reactions.userCollections(req.params.id);
  });
}
