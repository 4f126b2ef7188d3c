import { EngineError } from '@notewave/engine/errors.ts';
import type { BackendProfile, DriverErrorKind } from './backend-profile.ts';

const MESSAGES: Record<DriverErrorKind, [EngineError['code'], string]> = {
  conflict: ['conflict', 'a record with the same key already exists'],
  missing_reference: ['not_found', 'a referenced record does not exist'],
  unavailable: ['storage_unavailable', 'the storage backend is unavailable'],
  invalid_input: ['validation_failed', 'the storage backend cannot keep a value as sent'],
};

/** Turns a driver error into an EngineError with a code; unknown errors pass through untouched. */
export function translateError(profile: BackendProfile, e: unknown): unknown {
  if (e instanceof EngineError) return e;
  const kind = profile.classifyError(e);
  if (kind === null) return e;
  const [code, message] = MESSAGES[kind];
  const detail = e instanceof Error ? e.message : String(e);
  return new EngineError(code, `${message}: ${detail}`, { cause: detail });
}

/**
 * Wraps every async method of a store so driver errors surface as EngineErrors. One wrapper instead of a
 * try/catch in each method keeps the stores about queries only.
 */
export function withErrorMapping<T extends object>(store: T, profile: BackendProfile): T {
  const cache = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      let wrapped = cache.get(key);
      if (!wrapped) {
        const fn = value as (...args: unknown[]) => unknown;
        wrapped = async (...args: unknown[]) => {
          try {
            return await fn.apply(target, args);
          } catch (e) {
            throw translateError(profile, e);
          }
        };
        cache.set(key, wrapped);
      }
      return wrapped;
    },
  });
}
