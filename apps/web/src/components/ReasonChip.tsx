import type { Reason } from '@notewave/api-client';
import { useI18n } from '../lib/i18n.ts';
import { reasonSentence } from '../lib/reasons.ts';
import { useStore } from '../lib/store.ts';
import { taxonomy } from '../lib/taxonomy.ts';

export function ReasonChip({ reasons, exploration }: { reasons: Reason[]; exploration?: boolean }) {
  const { lang, t } = useI18n();
  const tax = useStore(taxonomy);
  const first = reasons[0];
  if (!first && !exploration) return null;
  const text = first ? reasonSentence(first, tax, lang) : t('exploring');
  return (
    <span class="reason-chip" data-code={first?.code ?? 'explore'} title={text}>
      {text}
    </span>
  );
}
