import { Type } from 'typebox';
import { IdParams, NoteDetail, NoteInput, NoteListQuery, NotePage, NotePatchInput, NoteView } from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { BEARER, replies } from '../http/api-types.ts';
import { requireViewer } from '../http/viewer.ts';
import type { NotesService } from '../services/notes.service.ts';
import type { ReactionsService } from '../services/reactions.service.ts';

export function notesRoutes(app: Api, notes: NotesService, reactions: ReactionsService): void {
  app.post('/api/notes', {
    schema: { tags: ['notes'], summary: 'Publish a note', security: BEARER, body: NoteInput, response: replies({ 201: NoteView }) },
  }, async (req, reply) => reply.code(201).send(await notes.create(requireViewer(req), req.body)));

  app.get('/api/notes', {
    schema: { tags: ['notes'], summary: 'List notes newest first, optionally by author and kind', querystring: NoteListQuery, response: replies({ 200: NotePage }) },
  }, async (req) => notes.list(req.query));

  app.get('/api/notes/:id', {
    schema: {
      tags: ['notes'],
      summary: 'One note with its author and counters, and for a signed-in viewer whether they liked and saved it',
      params: IdParams,
      response: replies({ 200: NoteDetail }),
    },
  }, async (req) => {
    const note = await notes.get(req.params.id);
    return req.viewer ? { ...note, viewer: await reactions.noteState(req.viewer, note.id) } : note;
  });

  app.patch('/api/notes/:id', {
    schema: { tags: ['notes'], summary: 'Edit your note', security: BEARER, params: IdParams, body: NotePatchInput, response: replies({ 200: NoteView }) },
  }, async (req) => notes.update(requireViewer(req), req.params.id, req.body));

  app.delete('/api/notes/:id', {
    schema: { tags: ['notes'], summary: 'Delete your note', security: BEARER, params: IdParams, response: replies({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await notes.remove(requireViewer(req), req.params.id);
    return reply.code(204).send(null);
  });
}
