/** Version of the wire contract; the OpenAPI document carries it. */
export const API_VERSION = '0.1.0';

export * from './common.schema.ts';
export * from './users.schema.ts';
export * from './auth.schema.ts';
export * from './notes.schema.ts';
export * from './comments.schema.ts';
export * from './social.schema.ts';
export * from './events.schema.ts';
export * from './feed.schema.ts';
export * from './reason-sentence.ts';
export * from './search.schema.ts';
export * from './system.schema.ts';
export * from './analytics.schema.ts';
export * from './account.schema.ts';
export * from './moderation.schema.ts';
export * from './experiments.schema.ts';
export * from './api-error.ts';
export * from './client.ts';
