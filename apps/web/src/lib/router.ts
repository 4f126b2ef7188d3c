import { parseRoute, type Route } from './routes.ts';
import { Store, useStore } from './store.ts';

export type { Route } from './routes.ts';

const current = new Store<Route>(parseRoute(location.pathname, location.search));

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(to, location.origin);
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  current.set(parseRoute(url.pathname, url.search));
  if (!opts.replace) window.scrollTo(0, 0);
}

addEventListener('popstate', () => current.set(parseRoute(location.pathname, location.search)));

export function useRoute(): Route {
  return useStore(current);
}

/** Lets plain `<a href>` links inside the app navigate without a page load (modifier clicks still open tabs). */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest('a');
    if (!a || a.target || a.hasAttribute('download')) return;
    const href = a.getAttribute('href');
    if (!href || !href.startsWith('/') || href.startsWith('//') || /^\/(api|docs|openapi\.json|uploads|media)\b/.test(href)) return;
    e.preventDefault();
    navigate(href);
  });
}
