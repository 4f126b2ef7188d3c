import { reasonSentence, type Reason } from '@notewave/api-client';
import { useI18n } from '../lib/i18n.ts';
import { useStore } from '../lib/store.ts';
import { taxonomy } from '../lib/taxonomy.ts';

/** The first reason as a sentence in the reader's language, from its code and parameters (never the server's text). */
export function ReasonChip({ reasons, exploration, authorName }: { reasons: Reason[]; exploration?: boolean; authorName?: string }) {
  const { lang, t } = useI18n();
  const tax = useStore(taxonomy);
  const first = reasons[0];
  if (!first && !exploration) return null;
  const text = first ? reasonSentence(first, { taxonomy: tax, authorName }, lang) : t('exploring');
  return (
    <span class="reason-chip" data-code={first?.code ?? 'explore'} title={text}>
      {text}
    </span>
  );
}
