import { useState } from 'preact/hooks';
import { api, signedIn } from '../lib/api.ts';
import { errorText } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';

/** Sign in or sign up; on success the viewer lands on Discover with a personal feed. */
export function AuthPage({ mode }: { mode: 'signin' | 'signup' }) {
  const i = useI18n();
  const [handle, setHandle] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = mode === 'signin'
        ? await api.auth.login({ handle: handle.trim(), password })
        : await api.auth.register({
          handle: handle.trim().toLowerCase(),
          password,
          displayName: displayName.trim() || handle.trim(),
          locale: i.lang === 'zh' ? 'zh-CN' : 'en',
          market: i.lang === 'zh' ? 'CN' : 'US',
        });
      signedIn(s);
      navigate('/', { replace: true });
    } catch (err) {
      setError(errorText(err, i));
    } finally {
      setBusy(false);
    }
  }
  const signup = mode === 'signup';
  return (
    <section class="page auth-page">
      <form class="auth-card" onSubmit={submit} aria-labelledby="auth-title">
        <h1 id="auth-title">{signup ? i.t('signUpTitle') : i.t('signInTitle')}</h1>
        <p class="muted">{i.t('signInWhy')}</p>
        <label class="field">
          <span>{i.t('handle')}</span>
          <input class="input" name="handle" autoComplete="username" required minLength={signup ? 3 : 1} maxLength={30}
            pattern={signup ? '[a-z0-9_][a-z0-9_.]{2,29}' : undefined} value={handle} onInput={(e) => setHandle(e.currentTarget.value)} />
        </label>
        {signup && (
          <label class="field">
            <span>{i.t('displayName')}</span>
            <input class="input" name="displayName" maxLength={60} value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
          </label>
        )}
        <label class="field">
          <span>{i.t('password')}</span>
          <input class="input" name="password" type="password" autoComplete={signup ? 'new-password' : 'current-password'} required
            minLength={signup ? 8 : 1} maxLength={200} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && <p class="form-error" role="alert">{error}</p>}
        <button type="submit" class="primary-btn" disabled={busy}>{signup ? i.t('signUp') : i.t('signIn')}</button>
        {signup ? (
          <p class="muted">{i.t('haveAccount')} <a href="/signin">{i.t('signIn')}</a></p>
        ) : (
          <>
            <p class="muted">{i.t('noAccount')} <a href="/signup">{i.t('signUp')}</a></p>
            <p class="muted small">{i.t('demoHint')}</p>
          </>
        )}
      </form>
    </section>
  );
}
