/**
 * Engine errors carry a stable code from one catalog; the HTTP edge maps codes to statuses.
 * Engine code never knows about HTTP.
 */
export const ERROR_CODES = {
  validation_failed: 'The input is not valid.',
  malformed_json: 'The request body is not valid JSON.',
  not_found: 'The requested resource does not exist.',
  conflict: 'The resource already exists or conflicts with existing state.',
  unauthenticated: 'Authentication is required.',
  invalid_credentials: 'The handle or password is wrong.',
  forbidden: 'You are not allowed to do this.',
  payload_too_large: 'The request body is too large.',
  unsupported_media_type: 'The content type is not supported.',
  rate_limited: 'Too many requests.',
  unknown_pipeline: 'The named pipeline or component is not registered.',
  config_invalid: 'The configuration is not valid.',
  storage_unavailable: 'The storage backend is unavailable.',
  snapshot_invalid: 'The engine snapshot is damaged or does not match this engine.',
  internal: 'An internal error occurred.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'EngineError';
    this.code = code;
    this.details = details;
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}
