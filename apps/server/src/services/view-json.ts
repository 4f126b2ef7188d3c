import type { FeedResponse, NoteView, PublicUser } from '@notewave/api-client';
import type { Note, User } from '@notewave/engine';

/*
 * The feed answers ~20 notes per request, and most of each note (text, tags, media) is the same on every page that
 * shows it. Its JSON is written and UTF-8 encoded once per cached (frozen) note or user and kept beside the view
 * under a hidden, non-enumerable key, so a copy or edit of a view never carries a stale fragment. A page is then
 * the concatenation of those bytes and a few small per-request pieces (stats, reasons, ids). The fields written are
 * exactly those of the NoteView and PublicUser schemas, in schema order; view-json.test.ts holds them to the schemas.
 */
const JSON_OF = Symbol('json');

const noteFragments = new WeakMap<Note, Buffer>();
const userFragments = new WeakMap<User, Buffer>();

const s = JSON.stringify;

/** `"id":…,…,"editedAt":…` of a NoteView: everything but `author` and `stats`. */
export function noteFields(n: Pick<NoteView, 'id' | 'kind' | 'title' | 'body' | 'tags' | 'category' | 'language' | 'media' | 'createdAt' | 'editedAt'>): string {
  const m = n.media;
  let media = '{"images":[';
  for (let i = 0; i < m.images.length; i++) {
    const img = m.images[i]!;
    media += `${i ? ',' : ''}{"url":${s(img.url)}${img.width !== undefined ? `,"width":${s(img.width)}` : ''}${img.height !== undefined ? `,"height":${s(img.height)}` : ''}}`;
  }
  media += `]${m.videoUrl !== undefined ? `,"videoUrl":${s(m.videoUrl)}` : ''}${m.durationSec !== undefined ? `,"durationSec":${s(m.durationSec)}` : ''}}`;
  return `"id":${s(n.id)},"kind":${s(n.kind)},"title":${s(n.title)},"body":${s(n.body)},"tags":${s(n.tags)},"category":${s(n.category)},"language":${s(n.language)},"media":${media},"createdAt":${s(n.createdAt)},"editedAt":${s(n.editedAt)}`;
}

export function publicUserJson(u: PublicUser): string {
  return `{"id":${s(u.id)},"handle":${s(u.handle)},"displayName":${s(u.displayName)},"locale":${s(u.locale)},"market":${s(u.market)},"createdAt":${s(u.createdAt)}}`;
}

/** Marks `view` as built from `note`: a frozen (cached, shared) note's JSON is written once and reused. */
export function withNoteJson<T extends object>(view: T, note: Note): T {
  if (!Object.isFrozen(note)) return view;
  let json = noteFragments.get(note);
  if (json === undefined) noteFragments.set(note, (json = Buffer.from(noteFields(note))));
  Object.defineProperty(view, JSON_OF, { value: json });
  return view;
}

export function withUserJson<T extends PublicUser>(view: T, user: User): T {
  if (!Object.isFrozen(user)) return view;
  let json = userFragments.get(user);
  if (json === undefined) userFragments.set(user, (json = Buffer.from(publicUserJson(view))));
  Object.defineProperty(view, JSON_OF, { value: json });
  return view;
}

function hidden(o: object): Buffer | undefined {
  return (o as { [JSON_OF]?: Buffer })[JSON_OF];
}

/** The UTF-8 JSON of a feed page, as the FeedResponse schema describes it. */
export function feedResponseBody(r: FeedResponse): Buffer {
  const parts: Buffer[] = [];
  let text = `{"sessionId":${s(r.sessionId)},"strategy":${s(r.strategy)},"items":[`;
  const put = (b: Buffer) => {
    parts.push(Buffer.from(text), b);
    text = '';
  };
  for (let i = 0; i < r.items.length; i++) {
    const it = r.items[i]!;
    const v = it.note;
    text += `${i ? ',' : ''}{"note":{`;
    const nb = hidden(v);
    if (nb) put(nb);
    else text += noteFields(v);
    text += ',"author":';
    const ab = hidden(v.author);
    if (ab) put(ab);
    else text += publicUserJson(v.author);
    const st = v.stats;
    text += `,"stats":{"likes":${s(st.likes)},"saves":${s(st.saves)},"comments":${s(st.comments)},"shares":${s(st.shares)}}},"recId":${s(it.recId)},"reasons":[`;
    for (let j = 0; j < it.reasons.length; j++) {
      const why = it.reasons[j]!;
      text += `${j ? ',' : ''}{"code":${s(why.code)},"text":${s(why.text)}${why.params ? `,"params":${JSON.stringify(why.params)}` : ''}}`;
    }
    text += `],"exploration":${it.exploration ? 'true' : 'false'}}`;
  }
  text += ']}';
  parts.push(Buffer.from(text));
  return Buffer.concat(parts);
}
