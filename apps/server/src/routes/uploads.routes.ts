import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { EngineError } from '@notewave/engine';
import { UploadResult } from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { BEARER, replies } from '../http/api-types.ts';
import { requireViewer } from '../http/viewer.ts';
import type { UploadsService } from '../services/uploads.service.ts';

/**
 * The multipart parser reports a body it cannot read (no boundary, a boundary that never comes, a truncated part)
 * with plain errors; they are the client's mistake. Errors that already carry a status (the size limits) pass.
 */
async function malformedAs400<T>(parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (e) {
    if (e instanceof EngineError || typeof (e as { statusCode?: unknown }).statusCode === 'number') throw e;
    throw new EngineError('validation_failed', `the multipart body is malformed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Multipart parsing is registered only in this scope, so JSON routes never accept form bodies. */
export async function uploadsRoutes(app: Api, uploads: UploadsService, maxUploadBytes: number): Promise<void> {
  await app.register(async (scope: Api) => {
    await scope.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 0, parts: 2 } });
    scope.post('/api/uploads', {
      schema: {
        tags: ['uploads'],
        summary: 'Upload an image (PNG, JPEG, WebP or GIF) as the multipart field `file`',
        security: BEARER,
        consumes: ['multipart/form-data'],
        response: replies({ 201: UploadResult }),
      },
    }, async (req, reply) => {
      requireViewer(req);
      if (!req.isMultipart()) throw new EngineError('unsupported_media_type', 'send the image as multipart/form-data');
      const bytes = await malformedAs400(async () => {
        const file = await req.file();
        if (!file) throw new EngineError('validation_failed', 'the multipart field `file` is missing');
        // toBuffer() throws the plugin's file-too-large error past the limit; the error mapping turns it into 413.
        return file.toBuffer();
      });
      return reply.code(201).send(await uploads.store(bytes));
    });
  });

  app.get('/uploads/:name', {
    schema: { tags: ['uploads'], summary: 'An uploaded image', params: Type.Object({ name: Type.String({ maxLength: 100 }) }) },
  }, async (req, reply) => {
    const { bytes, contentType } = await uploads.read(req.params.name);
    return reply
      .type(contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  });
}
