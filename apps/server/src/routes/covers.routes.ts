import { Type } from 'typebox';
import { EngineError } from '@notewave/engine';
import { renderCoverSvg } from '@notewave/demo';
import type { Api } from '../http/api-types.ts';
import type { NotesService } from '../services/notes.service.ts';

/** Generated cover art for notes without uploaded images (and for the demo community). */
export function coversRoutes(app: Api, notes: NotesService): void {
  app.get('/covers/:file', {
    schema: {
      tags: ['uploads'],
      summary: 'A generated SVG cover for a note: /covers/<noteId>.svg, `p` picks a carousel page',
      params: Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}\\.svg$' }) }),
      querystring: Type.Object({ p: Type.Optional(Type.Integer({ minimum: 1, maximum: 18 })) }),
    },
  }, async (req, reply) => {
    const noteId = req.params.file.slice(0, -'.svg'.length);
    const note = await notes.requireLive(noteId).catch(() => {
      throw new EngineError('not_found', `no note '${noteId}'`);
    });
    // The same note and page always render the same bytes, so caches may keep them for a day.
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(renderCoverSvg(note, { page: req.query.p ?? 1 }));
  });
}
