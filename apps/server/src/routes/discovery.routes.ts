import { TAXONOMY } from '@notewave/engine';
import { FeedQuery, FeedResponse, reasonLangFromHeader, SearchQuery, SearchResponse, SuggestQuery, SuggestResponse, Taxonomy } from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { replies } from '../http/api-types.ts';
import type { DiscoveryService } from '../services/discovery.service.ts';
import { feedResponseBody } from '../services/view-json.ts';

export function discoveryRoutes(app: Api, discovery: DiscoveryService): void {
  // The page is written as UTF-8 JSON here (notes' unchanging parts once per cached note), so Fastify sends the bytes
  // as they are rather than running the schema serializer over every field of every note; view-json.test.ts holds
  // them to the FeedResponse schema.
  app.get('/api/feed', {
    schema: { tags: ['feed'], summary: 'The next page of a recommendation feed (personal when signed in)', querystring: FeedQuery, response: replies({ 200: FeedResponse }) },
  }, async (req, reply) => reply.type('application/json; charset=utf-8').header('vary', 'Accept-Language').send(feedResponseBody(await discovery.feed(req.viewer, req.query, req.query.lang ?? reasonLangFromHeader(req.headers['accept-language']) ?? 'en')) as never));

  app.get('/api/search', {
    schema: { tags: ['search'], summary: 'Full-text search over notes', querystring: SearchQuery, response: replies({ 200: SearchResponse }) },
  }, async (req) => discovery.search(req.viewer, req.query));

  app.get('/api/search/suggest', {
    schema: { tags: ['search'], summary: 'Query suggestions for a prefix', querystring: SuggestQuery, response: replies({ 200: SuggestResponse }) },
  }, async (req) => discovery.suggest(req.query));

  app.get('/api/taxonomy', {
    schema: { tags: ['search'], summary: 'The two-level category tree notes are filed under', response: replies({ 200: Taxonomy }) },
  }, async () => ({ categories: TAXONOMY.map((c) => ({ ...c, children: [...c.children] })) }));
}
