import type { SuggestResponse } from '@notewave/api-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.ts';
import { Icon } from './Icon.tsx';

type SuggestionItem = SuggestResponse['suggestions'][number];

/** A search field with suggestions while typing, as an ARIA combobox (arrow keys, Enter, Escape). */
export function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const i = useI18n();
  const [q, setQ] = useState(initial);
  const [items, setItems] = useState<SuggestionItem[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const seq = useRef(0);
  useEffect(() => setQ(initial), [initial]);
  useEffect(() => {
    const text = q.trim();
    if (!text || !open) {
      setItems([]);
      return;
    }
    const n = ++seq.current;
    const timer = setTimeout(() => {
      api.suggest({ q: text, limit: 8 }).then((r) => n === seq.current && setItems(r.suggestions), () => n === seq.current && setItems([]));
    }, 150);
    return () => clearTimeout(timer);
  }, [q, open]);
  function submit(text: string) {
    const v = text.trim();
    if (!v) return;
    setOpen(false);
    setItems([]);
    setQ(v);
    onSearch(v);
  }
  const showList = open && items.length > 0;
  return (
    <form class="search-box" role="search" onSubmit={(e) => { e.preventDefault(); submit(active >= 0 ? items[active]?.text ?? q : q); }}>
      <label for="search-input" class="visually-hidden">{i.t('search')}</label>
      <Icon name="search" />
      <input id="search-input" class="input wide" type="search" value={q} placeholder={i.t('searchPlaceholder')} autoComplete="off"
        role="combobox" aria-expanded={showList} aria-controls="search-suggestions" aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `sugg-${active}` : undefined}
        onInput={(e) => { setQ(e.currentTarget.value); setOpen(true); setActive(-1); }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && items.length) { e.preventDefault(); setActive((a) => (a + 1) % items.length); }
          else if (e.key === 'ArrowUp' && items.length) { e.preventDefault(); setActive((a) => (a <= 0 ? items.length - 1 : a - 1)); }
          else if (e.key === 'Escape') setOpen(false);
        }} />
      <button type="submit" class="primary-btn small">{i.t('searchButton')}</button>
      {showList && (
        <ul id="search-suggestions" class="suggestions" role="listbox" aria-label={i.t('suggestions')}>
          {items.map((s, n) => (
            <li key={s.text + s.kind} id={`sugg-${n}`} role="option" aria-selected={n === active} class={n === active ? 'active' : ''}
              onMouseDown={(e) => { e.preventDefault(); submit(s.text); }}>
              {s.kind === 'tag' ? `#${s.text}` : s.text}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
