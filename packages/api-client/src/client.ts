import type {
  ActivesQuery, ActivesReport, AnalyticsOverview, AnalyticsReportName, AudienceQuery, AudienceReport, ContentQuery, ContentReport,
  FunnelQuery, FunnelReport, RetentionQuery, RetentionReport,
} from './analytics.schema.ts';
import type { AccountDeleteInput, AccountExport, PasswordChangeInput, RevokedCount, SessionList } from './account.schema.ts';
import { ApiError } from './api-error.ts';
import type { RegisterInput, LoginInput, Session } from './auth.schema.ts';
import type { CommentInput, CommentPage, CommentView } from './comments.schema.ts';
import type { PageQuery } from './common.schema.ts';
import type { EventBatchResult, RawEvent } from './events.schema.ts';
import type { ExperimentInput, ExperimentList, ExperimentReadout, ExperimentView } from './experiments.schema.ts';
import type { FeedQuery, FeedResponse } from './feed.schema.ts';
import type { ModeratedUser, ReportInput, ReportListQuery, ReportPage, ReportView } from './moderation.schema.ts';
import type { NoteDetail, NoteInput, NoteListQuery, NotePage, NotePatchInput, NoteView } from './notes.schema.ts';
import type { SearchQuery, SearchResponse, SuggestQuery, SuggestResponse } from './search.schema.ts';
import type {
  CollectionInput, CollectionList, CollectionView, FollowState, LikeState, SavedNotePage, SaveInput, SaveState, UserPage,
} from './social.schema.ts';
import type { Health, Taxonomy, UploadResult, VideoUploadResult } from './system.schema.ts';
import type { PrivateUser, UserPatchInput, UserView } from './users.schema.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /** e.g. `http://127.0.0.1:3000`; routes are appended as `/api/...`. */
  baseUrl: string;
  token?: string;
  fetch?: FetchLike;
}

type Query = Record<string, string | number | boolean | undefined>;

/** A typed client for every route of the Notewave HTTP API. */
export function createClient(opts: ClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => fetch(input, init));
  let token = opts.token;

  async function call<T>(method: string, path: string, init: { query?: Query; body?: unknown; form?: FormData } = {}): Promise<T> {
    return request<T>(method, path, init, 'application/json');
  }

  /** A GET whose answer is text (CSV exports), failing with the same `ApiError` as every other call. */
  async function text(path: string, query: Query): Promise<string> {
    return request<string>('GET', path, { query }, 'text/csv');
  }

  async function request<T>(method: string, path: string, init: { query?: Query; body?: unknown; form?: FormData }, accept: string): Promise<T> {
    const headers: Record<string, string> = { accept };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: RequestInit['body'];
    if (init.form) body = init.form;
    else if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.body);
    }
    const res = await doFetch(base + path + queryString(init.query), { method, headers, body });
    if (res.status === 204) return undefined as T;
    const raw = await res.text();
    if (res.ok && accept !== 'application/json') return raw as T;
    const data: unknown = raw ? safeJson(raw) : undefined;
    if (!res.ok) {
      const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ApiError(err?.code ?? 'internal', res.status, err?.message ?? (raw || res.statusText));
    }
    return data as T;
  }

  const id = (v: string) => encodeURIComponent(v);

  return {
    setToken(t: string | undefined): void {
      token = t;
    },
    auth: {
      async register(input: RegisterInput): Promise<Session> {
        const s = await call<Session>('POST', '/api/auth/register', { body: input });
        token = s.token;
        return s;
      },
      async login(input: LoginInput): Promise<Session> {
        const s = await call<Session>('POST', '/api/auth/login', { body: input });
        token = s.token;
        return s;
      },
      async logout(): Promise<void> {
        await call<void>('POST', '/api/auth/logout');
        token = undefined;
      },
    },
    me: () => call<PrivateUser>('GET', '/api/me'),
    account: {
      changePassword: (input: PasswordChangeInput) => call<void>('POST', '/api/me/password', { body: input }),
      sessions: () => call<SessionList>('GET', '/api/me/sessions'),
      revokeSession: (sessionId: string) => call<void>('DELETE', `/api/me/sessions/${id(sessionId)}`),
      revokeOtherSessions: () => call<RevokedCount>('POST', '/api/me/sessions/revoke-others'),
      export: () => call<AccountExport>('GET', '/api/me/export'),
      async delete(input: AccountDeleteInput): Promise<void> {
        await call<void>('POST', '/api/me/delete', { body: input });
        token = undefined;
      },
    },
    report: (input: ReportInput) => call<ReportView>('POST', '/api/reports', { body: input }),
    experiments: {
      create: (input: ExperimentInput) => call<ExperimentView>('POST', '/api/experiments', { body: input }),
      list: () => call<ExperimentList>('GET', '/api/experiments'),
      get: (name: string) => call<ExperimentView>('GET', `/api/experiments/${id(name)}`),
      start: (name: string) => call<ExperimentView>('POST', `/api/experiments/${id(name)}/start`),
      pause: (name: string) => call<ExperimentView>('POST', `/api/experiments/${id(name)}/pause`),
      stop: (name: string) => call<ExperimentView>('POST', `/api/experiments/${id(name)}/stop`),
      readout: (name: string) => call<ExperimentReadout>('GET', `/api/experiments/${id(name)}/readout`),
    },
    moderation: {
      reports: (q: ReportListQuery = {}) => call<ReportPage>('GET', '/api/moderation/reports', { query: q }),
      resolveReport: (reportId: string) => call<ReportView>('POST', `/api/moderation/reports/${id(reportId)}/resolve`),
      dismissReport: (reportId: string) => call<ReportView>('POST', `/api/moderation/reports/${id(reportId)}/dismiss`),
      removeNote: (noteId: string) => call<void>('DELETE', `/api/moderation/notes/${id(noteId)}`),
      removeComment: (commentId: string) => call<void>('DELETE', `/api/moderation/comments/${id(commentId)}`),
      user: (userId: string) => call<ModeratedUser>('GET', `/api/moderation/users/${id(userId)}`),
      suspend: (userId: string, reason: string) => call<ModeratedUser>('POST', `/api/moderation/users/${id(userId)}/suspend`, { body: { reason } }),
      unsuspend: (userId: string) => call<ModeratedUser>('POST', `/api/moderation/users/${id(userId)}/unsuspend`),
    },
    users: {
      get: (userId: string) => call<UserView>('GET', `/api/users/${id(userId)}`),
      update: (userId: string, patch: UserPatchInput) => call<PrivateUser>('PATCH', `/api/users/${id(userId)}`, { body: patch }),
      follow: (userId: string) => call<FollowState>('POST', `/api/users/${id(userId)}/follow`),
      unfollow: (userId: string) => call<FollowState>('DELETE', `/api/users/${id(userId)}/follow`),
      followers: (userId: string, q: PageQuery = {}) => call<UserPage>('GET', `/api/users/${id(userId)}/followers`, { query: q }),
      following: (userId: string, q: PageQuery = {}) => call<UserPage>('GET', `/api/users/${id(userId)}/following`, { query: q }),
      collections: (userId: string) => call<CollectionList>('GET', `/api/users/${id(userId)}/collections`),
    },
    notes: {
      create: (input: NoteInput) => call<NoteView>('POST', '/api/notes', { body: input }),
      list: (q: NoteListQuery = {}) => call<NotePage>('GET', '/api/notes', { query: q }),
      get: (noteId: string) => call<NoteDetail>('GET', `/api/notes/${id(noteId)}`),
      update: (noteId: string, patch: NotePatchInput) => call<NoteView>('PATCH', `/api/notes/${id(noteId)}`, { body: patch }),
      remove: (noteId: string) => call<void>('DELETE', `/api/notes/${id(noteId)}`),
      like: (noteId: string) => call<LikeState>('POST', `/api/notes/${id(noteId)}/like`),
      unlike: (noteId: string) => call<LikeState>('DELETE', `/api/notes/${id(noteId)}/like`),
      save: (noteId: string, input: SaveInput = {}) => call<SaveState>('POST', `/api/notes/${id(noteId)}/save`, { body: input }),
      unsave: (noteId: string, collectionId?: string) =>
        call<SaveState>('DELETE', `/api/notes/${id(noteId)}/save`, { query: { collectionId } }),
      comments: (noteId: string, q: PageQuery = {}) => call<CommentPage>('GET', `/api/notes/${id(noteId)}/comments`, { query: q }),
      comment: (noteId: string, input: CommentInput) => call<CommentView>('POST', `/api/notes/${id(noteId)}/comments`, { body: input }),
    },
    comments: {
      remove: (commentId: string) => call<void>('DELETE', `/api/comments/${id(commentId)}`),
    },
    collections: {
      list: () => call<CollectionList>('GET', '/api/collections'),
      create: (input: CollectionInput) => call<CollectionView>('POST', '/api/collections', { body: input }),
      notes: (collectionId: string, q: PageQuery = {}) =>
        call<SavedNotePage>('GET', `/api/collections/${id(collectionId)}/notes`, { query: q }),
    },
    events: {
      send: (events: readonly RawEvent[]) => call<EventBatchResult>('POST', '/api/events', { body: { events } }),
    },
    /** Operator analytics; every report also comes as CSV through `csv`. */
    analytics: {
      overview: () => call<AnalyticsOverview>('GET', '/api/analytics'),
      actives: (q: ActivesQuery = {}) => call<ActivesReport>('GET', '/api/analytics/actives', { query: q }),
      retention: (q: RetentionQuery = {}) => call<RetentionReport>('GET', '/api/analytics/retention', { query: q }),
      audience: (q: AudienceQuery = {}) => call<AudienceReport>('GET', '/api/analytics/audience', { query: q }),
      content: (q: ContentQuery = {}) => call<ContentReport>('GET', '/api/analytics/content', { query: q }),
      funnel: (q: FunnelQuery = {}) => call<FunnelReport>('GET', '/api/analytics/funnel', { query: q }),
      csv: (report: AnalyticsReportName, q: Query = {}) => text(`/api/analytics/${report}`, { ...q, format: 'csv' }),
    },
    feed: (q: FeedQuery = {}) => call<FeedResponse>('GET', '/api/feed', { query: q }),
    search: (q: SearchQuery) => call<SearchResponse>('GET', '/api/search', { query: q }),
    suggest: (q: SuggestQuery) => call<SuggestResponse>('GET', '/api/search/suggest', { query: q }),
    taxonomy: () => call<Taxonomy>('GET', '/api/taxonomy'),
    uploads: {
      image(file: Blob, filename: string): Promise<UploadResult> {
        const form = new FormData();
        form.append('file', file, filename);
        return call<UploadResult>('POST', '/api/uploads', { form });
      },
      video(file: Blob, filename: string): Promise<VideoUploadResult> {
        const form = new FormData();
        form.append('file', file, filename);
        return call<VideoUploadResult>('POST', '/api/uploads/video', { form });
      },
    },
    health: () => call<Health>('GET', '/health'),
  };
}

export type NotewaveClient = ReturnType<typeof createClient>;

function queryString(q: Query | undefined): string {
  if (!q) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
