import type { NoteMeta } from '../../catalog/note-catalog.ts';
import type { NoteKind } from '../../domain/note.ts';
import type { Rng } from '../../runtime/rng.ts';
import type { FeedSession } from '../state/session-store.ts';
import type { UserProfile } from '../state/user-profile.ts';

/** Everything one feed request's components may read about the request. */
export interface FeedContext {
  userId: string;
  surface: string;
  strategy: string;
  /** The user's market (request override, else their account's), null when unknown. */
  market: string | null;
  /** Language of explanation texts. */
  lang: 'en' | 'zh';
  now: number;
  limit: number;
  /** Kinds this pipeline serves; null = all. */
  kinds: ReadonlySet<NoteKind> | null;
  /** Null for a user with no recorded behaviour (cold start). */
  profile: UserProfile | null;
  session: FeedSession;
  rng: Rng;
  /** Live, of a served kind, not already shown in this session: sources check this while collecting so quotas count usable items. */
  admissible(ix: number): NoteMeta | null;
}

/** Explanation language from the market: Chinese-speaking markets read Chinese labels. */
export function labelLanguage(market: string | null): 'en' | 'zh' {
  return market === 'CN' || market === 'TW' || market === 'HK' || market === 'SG' ? 'zh' : 'en';
}
