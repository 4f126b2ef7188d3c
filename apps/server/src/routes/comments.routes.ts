import { Type } from 'typebox';
import { CommentInput, CommentPage, CommentView, IdParams, PageQuery } from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { BEARER, replies } from '../http/api-types.ts';
import { requireViewer } from '../http/viewer.ts';
import type { CommentsService } from '../services/comments.service.ts';

export function commentsRoutes(app: Api, comments: CommentsService): void {
  app.get('/api/notes/:id/comments', {
    schema: { tags: ['comments'], summary: 'Comments on a note, oldest first', params: IdParams, querystring: PageQuery, response: replies({ 200: CommentPage }) },
  }, async (req) => comments.list(req.params.id, req.query));

  app.post('/api/notes/:id/comments', {
    schema: {
      tags: ['comments'],
      summary: 'Comment on a note, or reply to a top-level comment',
      security: BEARER,
      params: IdParams,
      body: CommentInput,
      response: replies({ 201: CommentView }),
    },
  }, async (req, reply) => reply.code(201).send(await comments.create(requireViewer(req), req.params.id, req.body)));

  app.delete('/api/comments/:id', {
    schema: { tags: ['comments'], summary: 'Delete your comment', security: BEARER, params: IdParams, response: replies({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await comments.remove(requireViewer(req), req.params.id);
    return reply.code(204).send(null);
  });
}
