import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody } from '@notewave/api-client';
import type { TSchema } from 'typebox';

/** The Fastify instance every route module receives: schemas type the handlers through TypeBox. */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** Success schemas plus the shared error body, so the OpenAPI document shows both. */
export function replies<T extends Record<number, TSchema>>(ok: T): T & { '4xx': typeof ErrorBody; '5xx': typeof ErrorBody } {
  return { ...ok, '4xx': ErrorBody, '5xx': ErrorBody };
}

/** Marks a route as needing `Authorization: Bearer <token>` in the OpenAPI document. */
export const BEARER = [{ bearerAuth: [] }];
