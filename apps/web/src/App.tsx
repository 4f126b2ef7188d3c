import { useEffect } from 'preact/hooks';
import { api, session, signedOut } from './lib/api.ts';
import { lang, setLang, useI18n } from './lib/i18n.ts';
import { navigate, useRoute, type Route } from './lib/router.ts';
import { useStore } from './lib/store.ts';
import { toasts } from './lib/toast.ts';
import { Icon } from './components/Icon.tsx';
import { Empty, ErrorState, Loading } from './components/States.tsx';
import type { OpsPageName } from './lib/routes.ts';
import { useAsync } from './lib/use-async.ts';
import { AuthPage } from './pages/AuthPage.tsx';
import { DiscoverPage } from './pages/DiscoverPage.tsx';
import { NotePage } from './pages/NotePage.tsx';
import { PostPage } from './pages/PostPage.tsx';
import { ProfilePage } from './pages/ProfilePage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { VideoPage } from './pages/VideoPage.tsx';

/** The operator dashboard (and its chart library) loads only when an operator opens it. */
function OpsRoute({ page }: { page: OpsPageName }) {
  const [mod, reload] = useAsync(() => import('./ops/OpsPage.tsx'), []);
  if (mod.status === 'loading') return <Loading />;
  if (mod.status === 'error') return <ErrorState error={mod.error} onRetry={reload} />;
  const OpsPage = mod.value.default;
  return <OpsPage page={page} />;
}

function Page({ route }: { route: Route }) {
  const { t } = useI18n();
  switch (route.name) {
    case 'discover': return <DiscoverPage />;
    case 'video': return <VideoPage />;
    case 'search': return <SearchPage q={route.q} {...(route.kind ? { kind: route.kind } : {})} {...(route.category ? { category: route.category } : {})} />;
    case 'note': return <NotePage id={route.id} />;
    case 'user': return <ProfilePage id={route.id} tab={route.tab} />;
    case 'signin': return <AuthPage mode="signin" />;
    case 'signup': return <AuthPage mode="signup" />;
    case 'post': return <PostPage {...(route.editId ? { editId: route.editId } : {})} />;
    case 'settings': return <SettingsPage />;
    case 'ops': return <OpsRoute page={route.page} />;
    case 'not-found': return <Empty text={t('notFound')} />;
  }
}

export function App() {
  const i = useI18n();
  const route = useRoute();
  const user = useStore(session);
  const list = useStore(toasts);
  useEffect(() => {
    document.documentElement.lang = i.lang === 'zh' ? 'zh-CN' : 'en';
  }, [i.lang]);
  const tabs = [
    { name: 'discover', href: '/', label: i.t('discover'), icon: 'grid' },
    { name: 'video', href: '/video', label: i.t('video'), icon: 'play' },
    { name: 'search', href: '/search', label: i.t('search'), icon: 'search' },
    { name: 'post', href: '/post', label: i.t('post'), icon: 'plus' },
  ] as const;
  async function signOut() {
    try {
      await api.auth.logout();
    } catch {
      // The session may already have ended on the server; the local one ends either way.
    }
    signedOut();
    navigate('/');
  }
  return (
    <>
      <a class="skip-link" href="#main">{i.t('skip')}</a>
      <header class={route.name === 'video' ? 'topbar dark' : 'topbar'}>
        <div class="topbar-inner">
          <a class="brand" href="/" aria-label="Notewave">
            <img src="/icon.svg" alt="" width="28" height="28" />
            <span class="brand-name">Notewave</span>
          </a>
          <nav class="tabs" aria-label="Notewave">
            {tabs.map((tab) => (
              <a key={tab.name} class="tab" href={tab.href} aria-current={route.name === tab.name ? 'page' : undefined}>
                <Icon name={tab.icon} size={18} /> <span class="tab-label">{tab.label}</span>
              </a>
            ))}
          </nav>
          <div class="topbar-actions">
            <button type="button" class="ghost-btn small lang-btn" lang={i.lang === 'zh' ? 'en' : 'zh'} aria-label={i.t('switchLangLabel')}
              onClick={() => setLang(lang.get() === 'zh' ? 'en' : 'zh')}>
              {i.t('switchLang')}
            </button>
            {user ? (
              <>
                {user.user.role === 'operator' && (
                  <a class="ghost-btn small ops-link" href="/ops" aria-current={route.name === 'ops' ? 'page' : undefined}>
                    <Icon name="chart" size={16} /> <span class="tab-label">{i.t('analytics')}</span>
                  </a>
                )}
                <a class="me" href={`/user/${encodeURIComponent(user.user.id)}`} aria-label={i.t('me')}>
                  <span class="avatar small" aria-hidden="true">{user.user.displayName.slice(0, 1)}</span>
                  <span class="me-name">{user.user.displayName}</span>
                </a>
                <button type="button" class="link-btn" onClick={signOut}>{i.t('signOut')}</button>
              </>
            ) : (
              <a class="primary-btn small" href="/signin">{i.t('signIn')}</a>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} class={`main-${route.name}`}>
        <Page route={route} />
      </main>
      <div class="toasts" role="status" aria-live="polite">
        {list.map((x) => <div key={x.id} class="toast">{x.text}</div>)}
      </div>
    </>
  );
}
