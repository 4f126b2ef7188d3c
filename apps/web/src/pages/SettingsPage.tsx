import type { PrivateUser, UserPatchInput } from '@notewave/api-client';
import { useState } from 'preact/hooks';
import { api, session, updateUser } from '../lib/api.ts';
import { errorText } from '../lib/errors.ts';
import { useI18n, type MessageKey } from '../lib/i18n.ts';
import { useStore } from '../lib/store.ts';
import { toast } from '../lib/toast.ts';
import { useAsync } from '../lib/use-async.ts';
import { ErrorState, Loading } from '../components/States.tsx';
import { AuthPage } from './AuthPage.tsx';

const AGE = ['under-18', '18-24', '25-30', '31-35', '36-44', '45+'] as const;
const GENDER = ['female', 'male', 'other'] as const;
const INCOME = ['low', 'mid', 'high'] as const;

export function SettingsPage() {
  const s = useStore(session);
  const [state, reload] = useAsync(() => (s ? api.me() : Promise.resolve(null)), [s?.user.id]);
  if (!s) return <AuthPage mode="signin" />;
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  return state.value ? <ProfileForm user={state.value} /> : null;
}

/** Display name, market and demographics. Demographics are private: only the user (and operators) see them. */
function ProfileForm({ user }: { user: PrivateUser }) {
  const i = useI18n();
  const [form, setForm] = useState<UserPatchInput>({
    displayName: user.displayName, market: user.market, ageBand: user.ageBand, gender: user.gender, incomeBand: user.incomeBand,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      updateUser(await api.users.update(user.id, form));
      toast(i.t('profileSaved'));
    } catch (err) {
      setError(errorText(err, i));
    } finally {
      setBusy(false);
    }
  }
  function select<K extends 'ageBand' | 'gender' | 'incomeBand'>(key: K, label: MessageKey, values: readonly string[], labelled: boolean) {
    return (
      <label class="field">
        <span>{i.t(label)}</span>
        <select class="input" name={key} value={form[key] ?? ''}
          onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value === '' ? null : e.currentTarget.value })}>
          <option value="">{i.t('unset')}</option>
          {values.map((v) => <option key={v} value={v}>{labelled ? i.t(v as MessageKey) : v}</option>)}
        </select>
      </label>
    );
  }
  return (
    <section class="page settings-page">
      <form class="auth-card" onSubmit={submit} aria-labelledby="settings-title">
        <h1 id="settings-title">{i.t('editProfile')}</h1>
        <label class="field">
          <span>{i.t('displayName')}</span>
          <input class="input" name="displayName" required maxLength={60} value={form.displayName ?? ''}
            onInput={(e) => setForm({ ...form, displayName: e.currentTarget.value })} />
        </label>
        <label class="field">
          <span>{i.t('market')}</span>
          <input class="input" name="market" required pattern="[A-Z]{2}" maxLength={2} value={form.market ?? ''}
            onInput={(e) => setForm({ ...form, market: e.currentTarget.value.toUpperCase() })} />
        </label>
        <fieldset class="fieldset">
          <legend>{i.t('demographics')}</legend>
          {select('ageBand', 'ageBand', AGE, false)}
          {select('gender', 'gender', GENDER, true)}
          {select('incomeBand', 'incomeBand', INCOME, true)}
        </fieldset>
        {error && <p class="form-error" role="alert">{error}</p>}
        <button type="submit" class="primary-btn" disabled={busy}>{i.t('saveChanges')}</button>
      </form>
    </section>
  );
}
