import { ApiError } from '@notewave/api-client/api-error.ts';
import type { I18n } from './i18n.ts';

/** A message for a failed request: the server's own message for 4xx, a generic one otherwise. */
export function errorText(err: unknown, i: I18n): string {
  if (err instanceof ApiError) {
    if (err.status >= 400 && err.status < 500) return err.message;
    return i.t('errorGeneric', { code: err.code });
  }
  return i.t('errorNetwork');
}
