import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { hashtagAt } from '../lib/hashtag.ts';
import { useI18n } from '../lib/i18n.ts';

/** A textarea that offers existing tags while a `#tag` is being typed; Enter or a click completes it. */
export function HashtagInput({ value, onInput, id }: { value: string; onInput: (v: string) => void; id: string }) {
  const i = useI18n();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [active, setActive] = useState(0);
  const [word, setWord] = useState<{ start: number; word: string } | null>(null);
  useEffect(() => {
    if (!word) {
      setTags([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.suggest({ q: word.word, limit: 10 }).then(
        (r) => live && setTags(r.suggestions.filter((s) => s.kind === 'tag').map((s) => s.text).slice(0, 6)),
        () => live && setTags([]),
      );
    }, 120);
    return () => { live = false; clearTimeout(timer); };
  }, [word?.word]);
  function pick(tag: string) {
    const el = ref.current;
    if (!el || !word) return;
    const caret = el.selectionStart;
    const next = `${value.slice(0, word.start)}#${tag} ${value.slice(caret)}`;
    onInput(next);
    setWord(null);
    requestAnimationFrame(() => {
      const pos = word.start + tag.length + 2;
      el.setSelectionRange(pos, pos);
      el.focus();
    });
  }
  const open = word !== null && tags.length > 0;
  return (
    <div class="hashtag-input">
      <textarea ref={ref} id={id} class="input" rows={6} maxLength={20000} value={value}
        role="combobox" aria-expanded={open} aria-controls={`${id}-tags`} aria-autocomplete="list"
        onInput={(e) => {
          const el = e.currentTarget;
          onInput(el.value);
          setWord(hashtagAt(el.value, el.selectionStart));
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (!open) return;
          if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => (a + 1) % tags.length); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => (a - 1 + tags.length) % tags.length); }
          else if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); pick(tags[active] ?? ''); }
          else if (e.key === 'Escape') setWord(null);
        }}
        onBlur={() => setTimeout(() => setWord(null), 150)} />
      {open && (
        <ul id={`${id}-tags`} class="suggestions" role="listbox" aria-label={i.t('suggestions')}>
          {tags.map((t, n) => (
            <li key={t} role="option" aria-selected={n === active} class={n === active ? 'active' : ''} onMouseDown={(e) => { e.preventDefault(); pick(t); }}>#{t}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
