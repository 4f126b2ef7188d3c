import type { CollectionView } from '@notewave/api-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { errorText } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { ErrorState, Loading } from './States.tsx';

/** Pick a collection (or name a new one) to save a note into. A native modal dialog keeps focus inside it. */
export function SaveDialog({ noteId, onSaved, onClose }: { noteId: string; onSaved: (c: CollectionView) => void; onClose: () => void }) {
  const i = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [collections, setCollections] = useState<CollectionView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    ref.current?.showModal();
    api.collections.list().then((c) => setCollections(c.items), setError);
  }, []);
  async function save(c: CollectionView) {
    setBusy(true);
    try {
      await api.notes.save(noteId, { collectionId: c.id });
      onSaved(c);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  async function create(e: Event) {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    try {
      const c = await api.collections.create({ name: name.trim() });
      await save(c);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="save-title" onClose={onClose}>
      <h2 id="save-title">{i.t('saveTo')}</h2>
      {error ? <p class="form-error" role="alert">{errorText(error, i)}</p> : null}
      {!collections && !error && <Loading />}
      {collections && (
        <ul class="collection-list">
          {collections.map((c) => (
            <li key={c.id}>
              <button type="button" class="ghost-btn wide" disabled={busy} onClick={() => save(c)}>
                {c.name === 'default' ? i.t('defaultCollection') : c.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="row" onSubmit={create}>
        <label class="visually-hidden" for="new-collection">{i.t('collectionName')}</label>
        <input id="new-collection" class="input" placeholder={i.t('newCollection')} maxLength={60} value={name}
          onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" class="primary-btn small" disabled={busy || !name.trim()}>{i.t('create')}</button>
      </form>
      <button type="button" class="icon-btn dialog-close" onClick={() => ref.current?.close()} aria-label={i.t('close')}>×</button>
      {error && !collections ? <ErrorState error={error} /> : null}
    </dialog>
  );
}
