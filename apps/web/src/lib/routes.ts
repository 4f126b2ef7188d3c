/** The operator dashboard's pages, each at `/ops/<page>`. */
export const OPS_PAGES = ['actives', 'retention', 'audience', 'content', 'funnel', 'experiments'] as const;
export type OpsPageName = (typeof OPS_PAGES)[number];

export type Route =
  | { name: 'discover' }
  | { name: 'video'; noteId?: string }
  | { name: 'search'; q: string; kind?: 'image' | 'video'; category?: string }
  | { name: 'note'; id: string }
  | { name: 'user'; id: string; tab: 'notes' | 'saved' | 'followers' | 'following' }
  | { name: 'signin' }
  | { name: 'signup' }
  | { name: 'post'; editId?: string }
  | { name: 'settings' }
  | { name: 'ops'; page: OpsPageName }
  | { name: 'not-found' };

/** Maps a path (history API, so links are shareable) to a route. The server answers every such path with the app. */
export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, sub] = parts;
  switch (head) {
    case undefined:
      return { name: 'discover' };
    case 'video':
      return id ? { name: 'video', noteId: id } : { name: 'video' };
    case 'search': {
      const kind = params.get('kind');
      const category = params.get('category');
      return {
        name: 'search',
        q: params.get('q') ?? '',
        ...(kind === 'image' || kind === 'video' ? { kind } : {}),
        ...(category ? { category } : {}),
      };
    }
    case 'note':
      return id ? { name: 'note', id } : { name: 'not-found' };
    case 'user': {
      const tab = sub === 'saved' || sub === 'followers' || sub === 'following' ? sub : 'notes';
      return id ? { name: 'user', id, tab } : { name: 'not-found' };
    }
    case 'signin':
      return { name: 'signin' };
    case 'signup':
      return { name: 'signup' };
    case 'post':
      return id ? { name: 'post', editId: id } : { name: 'post' };
    case 'settings':
      return { name: 'settings' };
    case 'ops': {
      if (id === undefined) return { name: 'ops', page: 'actives' };
      const page = OPS_PAGES.find((p) => p === id);
      return page ? { name: 'ops', page } : { name: 'not-found' };
    }
    default:
      return { name: 'not-found' };
  }
}
