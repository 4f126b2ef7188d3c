import { EventBatchInput, EventBatchResult } from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { BEARER, replies } from '../http/api-types.ts';
import { requireViewer } from '../http/viewer.ts';
import type { EventsService } from '../services/events.service.ts';

export function eventsRoutes(app: Api, events: EventsService): void {
  app.post('/api/events', {
    schema: {
      tags: ['events'],
      summary: 'Send a batch of behaviour events (impressions, views, dwell…); invalid ones are reported by index',
      security: BEARER,
      body: EventBatchInput,
      response: replies({ 200: EventBatchResult }),
    },
  }, async (req) => events.ingest(requireViewer(req).id, req.body.events));
}
