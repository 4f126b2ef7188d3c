import type { AgeBand, Gender, IncomeBand, SignupSource, User } from '@notewave/engine';
import type { SeededRng } from '@notewave/engine';
import { MARKETS } from './markets.ts';
import { chineseName, englishName, uniqueHandle } from './names.ts';
import type { ResolvedOptions } from './options.ts';
import { cumulative, pickCumulative, rngFor, STREAM } from './random.ts';
import { SEGMENT_PROFILES, SEGMENTS, type Segment } from './segments.ts';
import { segmentName, type UserPlan } from './user-plan.ts';

/** The account a visitor can sign in with. The password is public on purpose; the server hashes it. */
export const DEMO_ACCOUNT = { handle: 'demo', password: 'notewave-demo', displayName: 'Notewave 演示账号' } as const;

const ORGANIC_SOURCES: readonly SignupSource[] = ['organic', 'ad', 'referral'];
// Some people leave each demographic field blank.
const BLANK = 0.08;

/** Streams users in creation order; every generated user has a null passwordHash (the demo account included). */
export function* streamUsers(o: ResolvedOptions, plan: UserPlan): Generator<User> {
  const taken = new Set<string>([DEMO_ACCOUNT.handle]);
  for (let i = 0; i < plan.count; i++) {
    if ((i & 4095) === 0) o.onProgress(i, plan.count, 'users');
    const rng = rngFor(o.seed, STREAM.userName, i);
    const segment = segmentName(plan, i);
    const bands = TABLES[segment];
    const zh = plan.zh[i] === 1;
    const refugee = plan.refugee[i] === 1;
    let handle: string;
    let displayName: string;
    if (i === 0) {
      handle = DEMO_ACCOUNT.handle;
      displayName = DEMO_ACCOUNT.displayName;
    } else {
      const name = zh ? chineseName(rng, segment) : englishName(rng, segment, MARKETS[plan.market[i]!]!.code);
      handle = uniqueHandle(rng, name.handle, taken, `user${i.toString(36)}`);
      displayName = name.displayName;
    }
    yield {
      id: plan.ids[i]!,
      handle,
      displayName,
      passwordHash: null,
      locale: zh ? 'zh-CN' : 'en-US',
      market: MARKETS[plan.market[i]!]!.code,
      signupSource: refugee ? 'tiktok-refugee' : ORGANIC_SOURCES[pickCumulative(rng, ORGANIC_SOURCE_CUM)]!,
      // Nobody is an operator by generation; seeding adds a separate `operator` account for the operator views.
      role: 'user',
      createdAt: plan.createdAt[i]!,
      ageBand: band(rng, bands.ages),
      gender: band(rng, bands.genders),
      incomeBand: band(rng, bands.incomes),
    };
  }
  o.onProgress(plan.count, plan.count, 'users');
}

interface BandTable<T> {
  keys: T[];
  cum: Float64Array;
}

function table<T extends string>(weights: Record<T, number>): BandTable<T> {
  const keys = Object.keys(weights) as T[];
  return { keys, cum: cumulative(keys.map((k) => weights[k])) };
}

const TABLES = Object.fromEntries(
  SEGMENTS.map((s) => [s, { ages: table(SEGMENT_PROFILES[s].ages), genders: table(SEGMENT_PROFILES[s].genders), incomes: table(SEGMENT_PROFILES[s].incomes) }]),
) as Record<Segment, { ages: BandTable<AgeBand>; genders: BandTable<Gender>; incomes: BandTable<IncomeBand> }>;
const ORGANIC_SOURCE_CUM = cumulative([70, 18, 12]);

function band<T extends string>(rng: SeededRng, t: BandTable<T>): T | null {
  const k = t.keys[pickCumulative(rng, t.cum)]!;
  return rng.next() < BLANK ? null : k;
}
