import {
  CollectionInput, CollectionList, CollectionView, IdParams, LikeState, PageQuery, SavedNotePage, SaveInput, SaveState, UnsaveQuery,
} from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { BEARER, replies } from '../http/api-types.ts';
import { requireViewer } from '../http/viewer.ts';
import type { ReactionsService } from '../services/reactions.service.ts';

export function reactionsRoutes(app: Api, reactions: ReactionsService): void {
  app.post('/api/notes/:id/like', {
    schema: { tags: ['likes'], summary: 'Like a note', security: BEARER, params: IdParams, response: replies({ 200: LikeState }) },
  }, async (req) => reactions.like(requireViewer(req), req.params.id));

  app.delete('/api/notes/:id/like', {
    schema: { tags: ['likes'], summary: 'Take back a like', security: BEARER, params: IdParams, response: replies({ 200: LikeState }) },
  }, async (req) => reactions.unlike(requireViewer(req), req.params.id));

  app.post('/api/notes/:id/save', {
    schema: { tags: ['collections'], summary: 'Save a note into a collection (default: `default`)', security: BEARER, params: IdParams, body: SaveInput, response: replies({ 200: SaveState }) },
    // Saving to the default collection needs no body at all.
    preValidation: async (req) => {
      req.body ??= {};
    },
  }, async (req) => reactions.save(requireViewer(req), req.params.id, req.body.collectionId));

  app.delete('/api/notes/:id/save', {
    schema: { tags: ['collections'], summary: 'Remove a note from one collection, or from all', security: BEARER, params: IdParams, querystring: UnsaveQuery, response: replies({ 200: SaveState }) },
  }, async (req) => reactions.unsave(requireViewer(req), req.params.id, req.query.collectionId));

  app.get('/api/collections', {
    schema: { tags: ['collections'], summary: 'Your collections', security: BEARER, response: replies({ 200: CollectionList }) },
  }, async (req) => reactions.collections(requireViewer(req)));

  app.post('/api/collections', {
    schema: { tags: ['collections'], summary: 'Create a named collection', security: BEARER, body: CollectionInput, response: replies({ 201: CollectionView }) },
  }, async (req, reply) => reply.code(201).send(await reactions.createCollection(requireViewer(req), req.body.name)));

  app.get('/api/collections/:id/notes', {
    schema: { tags: ['collections'], summary: 'Notes saved in a collection, newest first (collections are public)', params: IdParams, querystring: PageQuery, response: replies({ 200: SavedNotePage }) },
  }, async (req) => reactions.collectionNotes(req.params.id, req.query));
}
