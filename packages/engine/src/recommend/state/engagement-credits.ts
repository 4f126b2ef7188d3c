import { RecencyLog } from './recency-log.ts';

/** What one user can give one note, each credited once to the shared signals (trends, traffic pools, shares). */
export const CREDIT_KINDS = ['impression', 'view', 'complete', 'like', 'save', 'comment', 'share', 'follow'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

const BIT: Record<CreditKind, number> = Object.fromEntries(CREDIT_KINDS.map((k, i) => [k, 1 << i])) as Record<CreditKind, number>;

/** Notes remembered per user; beyond this the least recently engaged note can be credited again. */
export const CREDITS_PER_USER = 2048;

/**
 * Which kinds of engagement each user has already credited to each note, so the signals other users see (trend
 * velocity, traffic-pool impressions and successes, the share count) grow by one user's behaviour once per note
 * and kind, however often it is repeated: ten thousand completes from one account are one complete. A user's
 * own profile still learns from every event. Per user, the most recently engaged `cap` notes are remembered (a
 * bitmask each, ~30 bytes), so pumping a note again takes engaging `cap` other notes first.
 */
export class EngagementCredits {
  private readonly byUser = new Map<string, RecencyLog>();

  constructor(private readonly cap = CREDITS_PER_USER) {}

  /** True (and remembered) the first time `userId` credits `kind` to note `ix`; false on every repeat. */
  first(userId: string, ix: number, kind: CreditKind, ts: number): boolean {
    let log = this.byUser.get(userId);
    if (!log) this.byUser.set(userId, (log = new RecencyLog(this.cap, 1)));
    const had = log.has(ix) ? log.payload(ix, 0) : 0;
    if (had & BIT[kind]) return false;
    log.set(ix, ts, had | BIT[kind]);
    return true;
  }
}
