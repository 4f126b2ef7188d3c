import type { FastifyRequest } from 'fastify';
import type { Config, RateRule } from '../config.ts';
import { rateLimited } from '../services/login-throttle.ts';
import type { SharedCounters } from './shared-counters.ts';

type RuleName = 'limitWritesPerUser' | 'limitWritesPerIp' | 'limitSignupsPerIp' | 'limitSigninsPerIp' | 'limitSearchesPerUser' | 'limitSearchesPerIp';

interface Check {
  bucket: string;
  by: 'user' | 'ip';
  rule: RuleName;
}

const SIGNUP: Check[] = [{ bucket: 'signup', by: 'ip', rule: 'limitSignupsPerIp' }];
const SIGNIN: Check[] = [{ bucket: 'signin', by: 'ip', rule: 'limitSigninsPerIp' }];
const SEARCH: Check[] = [
  { bucket: 'search', by: 'user', rule: 'limitSearchesPerUser' },
  { bucket: 'search', by: 'ip', rule: 'limitSearchesPerIp' },
];
const WRITE: Check[] = [
  { bucket: 'write', by: 'user', rule: 'limitWritesPerUser' },
  { bucket: 'write', by: 'ip', rule: 'limitWritesPerIp' },
];
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Which limits a request counts against, by method and route pattern: sign-up, sign-in, search, or any write. */
export function checksFor(method: string, route: string): readonly Check[] {
  if (!route.startsWith('/api/')) return [];
  if (route === '/api/auth/register') return SIGNUP;
  if (route === '/api/auth/login') return SIGNIN;
  if (route === '/api/search' || route === '/api/search/suggest') return SEARCH;
  return READ_METHODS.has(method) ? [] : WRITE;
}

/**
 * Per-account and per-address request limits, decided before the body is read (after the viewer is known). A
 * refused request is a 429 whose Retry-After is the end of the window; counts are shared across nodes (see
 * SharedCounters). Signed-in limits key on the account, so all of one user's tokens share them.
 */
export function rateLimitHook(counters: SharedCounters, config: Pick<Config, RuleName>) {
  return async (req: FastifyRequest): Promise<void> => {
    const route = req.routeOptions.url;
    if (route === undefined) return;
    for (const c of checksFor(req.method, route)) {
      const rule: RateRule | null = config[c.rule];
      const subject = c.by === 'user' ? req.viewer?.id : req.ip;
      if (!rule || subject === undefined) continue;
      const refused = counters.take(`${c.bucket}:${c.by}:${subject}`, rule);
      if (refused) throw rateLimited(`too many ${c.bucket} requests from this ${c.by === 'user' ? 'account' : 'address'}`, refused.retryAfterMs);
    }
  };
}
