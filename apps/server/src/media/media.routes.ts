import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import { EngineError } from '@notewave/engine';
import { VideoUploadResult } from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { BEARER, replies } from '../http/api-types.ts';
import { requireViewer } from '../http/viewer.ts';
import { MEDIA_NAME, type VideoUploadsService } from './video-uploads.service.ts';

/**
 * Video upload (multipart, in its own scope like image uploads) and `/media/<file>`: videos and posters served
 * from disk with HTTP range requests, so players can seek and start before the whole file has arrived.
 */
export async function mediaRoutes(app: Api, videos: VideoUploadsService, maxUploadBytes: number): Promise<void> {
  await app.register(async (scope: Api) => {
    await scope.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 0, parts: 2 } });
    scope.post('/api/uploads/video', {
      schema: {
        tags: ['uploads'],
        summary: 'Upload a video (WebM or MP4) as the multipart field `file`; answers with its URL, poster frame, duration and size',
        security: BEARER,
        consumes: ['multipart/form-data'],
        response: replies({ 201: VideoUploadResult }),
      },
    }, async (req, reply) => {
      requireViewer(req);
      if (!req.isMultipart()) throw new EngineError('unsupported_media_type', 'send the video as multipart/form-data');
      const file = await req.file();
      if (!file) throw new EngineError('validation_failed', 'the multipart field `file` is missing');
      const bytes = await file.toBuffer();
      return reply.code(201).send(await videos.store(bytes));
    });
  });

  // Names are fresh ids (or the demo's fixed clip names), so a file never changes once written.
  await app.register(fastifyStatic, {
    root: videos.dir,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    dotfiles: 'deny',
    acceptRanges: true,
    maxAge: '365d',
    immutable: true,
    allowedPath: (path) => MEDIA_NAME.test(path.replace(/^\//, '')),
    setHeaders(reply: FastifyReply) {
      reply.header('x-content-type-options', 'nosniff');
    },
  });
}
