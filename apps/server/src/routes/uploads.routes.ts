import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { EngineError } from '@notewave/engine';
import { UploadResult } from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { BEARER, replies } from '../http/api-types.ts';
import { requireViewer } from '../http/viewer.ts';
import type { UploadsService } from '../services/uploads.service.ts';

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
      const file = await req.file();
      if (!file) throw new EngineError('validation_failed', 'the multipart field `file` is missing');
      // toBuffer() throws the plugin's file-too-large error past the limit; the error mapping turns it into 413.
      const bytes = await file.toBuffer();
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
