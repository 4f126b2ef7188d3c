import { ERROR_CODES, isEngineError, type ErrorCode } from '@notewave/engine';

/** The one place where error codes become HTTP statuses. A Record, so a new catalog code must be mapped here. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_json: 400,
  not_found: 404,
  conflict: 409,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  // A request naming an unregistered pipeline is the caller's mistake; at start-up it aborts the boot instead.
  unknown_pipeline: 400,
  config_invalid: 500,
  storage_unavailable: 503,
  // Only at start-up: a snapshot that cannot be restored aborts the boot.
  snapshot_invalid: 500,
  internal: 500,
};

export interface ErrorReply {
  status: number;
  body: { error: { code: ErrorCode; message: string } };
  /** Every 429 says when to come back (the Retry-After header). */
  retryAfterSec?: number;
}

/** Seconds until a refused request may be retried: from the error when it knows, else one minute. */
function retryAfterSec(err: unknown): number {
  const ms = (err as { details?: { retryAfterMs?: unknown } } | null)?.details?.retryAfterMs;
  return typeof ms === 'number' && ms > 0 ? Math.ceil(ms / 1000) : 60;
}

// Fastify and plugin errors that carry a meaning of their own; anything else keeps its generic status class.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_FIELDS_LIMIT: 'payload_too_large',
};

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

interface FrameworkError {
  code?: unknown;
  statusCode?: unknown;
  validation?: unknown;
  message?: unknown;
}

/** Turns anything thrown while handling a request into a status and an `{error:{code,message}}` body. */
export function toErrorReply(err: unknown): ErrorReply {
  const r = mapError(err);
  return r.status === 429 ? { ...r, retryAfterSec: retryAfterSec(err) } : r;
}

function mapError(err: unknown): ErrorReply {
  if (isEngineError(err)) return reply(err.code, err.message);
  const e = (typeof err === 'object' && err !== null ? err : {}) as FrameworkError;
  const message = typeof e.message === 'string' ? e.message : '';
  if (e.validation) return reply('validation_failed', message || ERROR_CODES.validation_failed);
  const known = typeof e.code === 'string' ? FASTIFY_CODES[e.code] : undefined;
  if (known) return reply(known, known === 'malformed_json' ? ERROR_CODES.malformed_json : message || ERROR_CODES[known]);
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) return reply(BY_STATUS[status] ?? 'validation_failed', message, status);
  // Internal details stay in the log, not in the response.
  return reply('internal', ERROR_CODES.internal);
}

function reply(code: ErrorCode, message: string, status = HTTP_STATUS[code]): ErrorReply {
  return { status, body: { error: { code, message: message || ERROR_CODES[code] } } };
}
