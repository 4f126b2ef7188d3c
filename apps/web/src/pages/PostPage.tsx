import type { NoteKind, NoteMedia, NoteView } from '@notewave/api-client';
import { useEffect, useState } from 'preact/hooks';
import { api, session } from '../lib/api.ts';
import { errorText } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';
import { useStore } from '../lib/store.ts';
import { taxonomy } from '../lib/taxonomy.ts';
import { toast } from '../lib/toast.ts';
import { HashtagInput } from '../components/HashtagInput.tsx';
import { moveItem } from '../lib/move-item.ts';
import { ErrorState, Loading } from '../components/States.tsx';
import { AuthPage } from './AuthPage.tsx';

type Image = NoteMedia['images'][number];

export function PostPage({ editId }: { editId?: string }) {
  const s = useStore(session);
  const [note, setNote] = useState<NoteView | null | 'loading'>(editId ? 'loading' : null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!editId) { setNote(null); return; }
    api.notes.get(editId).then(setNote, setError);
  }, [editId]);
  if (!s) return <AuthPage mode="signin" />;
  if (error) return <ErrorState error={error} />;
  if (note === 'loading') return <Loading />;
  return <PostForm key={editId ?? 'new'} note={note} />;
}

function PostForm({ note }: { note: NoteView | null }) {
  const i = useI18n();
  const tax = useStore(taxonomy);
  const [kind, setKind] = useState<NoteKind>(note?.kind ?? 'image');
  const [title, setTitle] = useState(note?.title ?? '');
  const [body, setBody] = useState(note?.body ?? '');
  const [category, setCategory] = useState(note?.category ?? '');
  const [images, setImages] = useState<Image[]>(note?.media.images ?? []);
  const [video, setVideo] = useState<{ url: string; durationSec?: number } | null>(
    note?.media.videoUrl ? { url: note.media.videoUrl, ...(note.media.durationSec ? { durationSec: note.media.durationSec } : {}) } : null,
  );
  const [uploading, setUploading] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Deleting takes a second click on the same button, which then asks for confirmation in words.
  const [confirming, setConfirming] = useState(false);

  async function addImages(files: FileList | null) {
    if (!files) return;
    setError(null);
    for (const file of Array.from(files).slice(0, 18 - images.length)) {
      setUploading((n) => n + 1);
      try {
        const r = await api.uploads.image(file, file.name);
        const size = await imageSize(r.url);
        setImages((prev) => [...prev, { url: r.url, ...size }]);
      } catch (err) {
        setError(errorText(err, i));
      } finally {
        setUploading((n) => n - 1);
      }
    }
  }
  async function addVideo(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setError(null);
    setUploading((n) => n + 1);
    try {
      const r = await api.uploads.video(file, file.name);
      setVideo({ url: r.url, ...(r.durationSec ? { durationSec: r.durationSec } : {}) });
      setImages(r.posterUrl ? [{ url: r.posterUrl, ...(r.width && r.height ? { width: r.width, height: r.height } : {}) }] : []);
    } catch (err) {
      setError(errorText(err, i));
    } finally {
      setUploading((n) => n - 1);
    }
  }
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const media: NoteMedia = kind === 'video' && video
      ? { images, videoUrl: video.url, ...(video.durationSec ? { durationSec: video.durationSec } : {}) }
      : { images };
    try {
      const saved = note
        ? await api.notes.update(note.id, { title: title.trim(), body, category, media })
        : await api.notes.create({ kind, title: title.trim(), body, category, media });
      toast(i.t('published'));
      navigate(`/note/${encodeURIComponent(saved.id)}`, { replace: true });
    } catch (err) {
      setError(errorText(err, i));
    } finally {
      setBusy(false);
    }
  }
  async function remove() {
    if (!note) return;
    if (!confirming) {
      setConfirming(true);
      return;
    }
    try {
      await api.notes.remove(note.id);
      toast(i.t('deleted'));
      navigate(`/user/${encodeURIComponent(note.author.id)}`, { replace: true });
    } catch (err) {
      setError(errorText(err, i));
    }
  }
  const ready = title.trim() !== '' && category !== '' && uploading === 0 && (kind === 'image' ? images.length > 0 : video !== null);
  return (
    <section class="page post-page">
      <form class="post-form" onSubmit={submit} aria-labelledby="post-title">
        <h1 id="post-title">{note ? i.t('editNote') : i.t('newNote')}</h1>
        {!note && (
          <div class="segmented" role="radiogroup" aria-label={i.t('newNote')}>
            {(['image', 'video'] as const).map((k) => (
              <button key={k} type="button" role="radio" class="segment" aria-checked={kind === k} onClick={() => setKind(k)}>
                {k === 'image' ? i.t('kindImage') : i.t('kindVideo')}
              </button>
            ))}
          </div>
        )}
        {kind === 'image' ? (
          <div class="uploads">
            <ol class="thumbs">
              {images.map((img, n) => (
                <li key={img.url} class="thumb">
                  <img src={img.url} alt={i.t('photo', { i: n + 1, n: images.length })} />
                  <div class="thumb-actions">
                    <button type="button" class="icon-btn" disabled={n === 0} onClick={() => setImages(moveItem(images, n, -1))} aria-label={i.t('moveLeft')}>‹</button>
                    <button type="button" class="icon-btn" onClick={() => setImages(images.filter((_, k) => k !== n))} aria-label={i.t('remove')}>×</button>
                    <button type="button" class="icon-btn" disabled={n === images.length - 1} onClick={() => setImages(moveItem(images, n, 1))} aria-label={i.t('moveRight')}>›</button>
                  </div>
                </li>
              ))}
            </ol>
            <label class="ghost-btn file-btn">
              {i.t('addImages')}
              <input type="file" name="images" accept="image/png,image/jpeg,image/webp,image/gif" multiple class="visually-hidden"
                onChange={(e) => { void addImages(e.currentTarget.files); e.currentTarget.value = ''; }} />
            </label>
          </div>
        ) : (
          <div class="uploads">
            {video && <video class="preview-video" src={video.url} poster={images[0]?.url} controls muted playsInline />}
            <label class="ghost-btn file-btn">
              {i.t('addVideo')}
              <input type="file" name="video" accept="video/webm,video/mp4" class="visually-hidden"
                onChange={(e) => { void addVideo(e.currentTarget.files); e.currentTarget.value = ''; }} />
            </label>
          </div>
        )}
        {uploading > 0 && <p class="muted" role="status">{i.t('uploading')}</p>}
        <label class="field">
          <span>{i.t('title')}</span>
          <input class="input" name="title" required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <div class="field">
          <label for="post-body">{i.t('body')}</label>
          <HashtagInput id="post-body" value={body} onInput={setBody} />
        </div>
        <label class="field">
          <span>{i.t('category')}</span>
          <select class="input" name="category" required value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="">{i.t('chooseCategory')}</option>
            {tax?.categories.map((c) => (
              <optgroup key={c.id} label={c[i.lang]}>
                {c.children.length === 0 ? <option value={c.id}>{c[i.lang]}</option> : c.children.map((s) => <option key={s.id} value={s.id}>{s[i.lang]}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
        {error && <p class="form-error" role="alert">{error}</p>}
        <div class="row">
          <button type="submit" class="primary-btn" disabled={busy || !ready}>{note ? i.t('update') : i.t('publish')}</button>
          {note && (
            <button type="button" class="ghost-btn danger" onClick={remove} onBlur={() => setConfirming(false)}>
              {confirming ? i.t('confirmDelete') : i.t('deleteNote')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function imageSize(url: string): Promise<{ width?: number; height?: number }> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve(img.naturalWidth && img.naturalHeight ? { width: img.naturalWidth, height: img.naturalHeight } : {});
    img.onerror = () => resolve({});
    img.src = url;
  });
}
