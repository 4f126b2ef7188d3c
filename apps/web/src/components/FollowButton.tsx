import { useEffect, useState } from 'preact/hooks';
import { api, session } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.ts';
import { errorText } from '../lib/errors.ts';
import { navigate } from '../lib/router.ts';
import { useStore } from '../lib/store.ts';
import { toast } from '../lib/toast.ts';

/**
 * Follow / unfollow a user. Whether the viewer follows them comes from the server: pass `following` when the
 * page already has the user's view, otherwise the button asks for it once.
 */
export function FollowButton({ userId, following: known, onChange, class: cls = 'primary-btn small' }: {
  userId: string;
  following?: boolean;
  onChange?: (following: boolean) => void;
  class?: string;
}) {
  const i = useI18n();
  const s = useStore(session);
  const me = s?.user.id;
  const [following, setFollowing] = useState(known ?? false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!me || me === userId) {
      setFollowing(false);
      return;
    }
    if (known !== undefined) {
      setFollowing(known);
      return;
    }
    let live = true;
    api.users.get(userId).then(
      (u) => live && setFollowing(u.viewer?.following ?? false),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [me, userId, known]);
  if (me === userId) return null;
  async function toggle() {
    if (!me) {
      toast(i.t('needSignIn'));
      navigate('/signin');
      return;
    }
    setBusy(true);
    try {
      const r = following ? await api.users.unfollow(userId) : await api.users.follow(userId);
      setFollowing(r.following);
      onChange?.(r.following);
    } catch (err) {
      toast(errorText(err, i));
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" class={following ? 'ghost-btn small' : cls} aria-pressed={following} disabled={busy} onClick={toggle}>
      {following ? i.t('following') : i.t('follow')}
    </button>
  );
}
