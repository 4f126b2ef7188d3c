import { useI18n } from '../lib/i18n.ts';
import { errorText } from '../lib/errors.ts';

export function Loading() {
  const { t } = useI18n();
  return (
    <div class="state" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {t('loading')}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const i = useI18n();
  return (
    <div class="state error" role="alert">
      <p>{errorText(error, i)}</p>
      {onRetry && (
        <button type="button" class="ghost-btn" onClick={onRetry}>
          {i.t('retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ text }: { text?: string }) {
  const { t } = useI18n();
  return <div class="state empty">{text ?? t('empty')}</div>;
}
