import { useEffect, useState } from 'preact/hooks';
import { api, session } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.ts';
import { errorText } from '../lib/errors.ts';
import { navigate } from '../lib/router.ts';
import { useStore } from '../lib/store.ts';
import { toast } from '../lib/toast.ts';

const followingKey = (me: string) => `notewave.following.${me}`;

function readFollowing(me: string): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(followingKey(me)) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/** Follow / unfollow an author. The list of who the viewer follows is fetched once and kept locally. */
export function FollowButton({ userId, onChange, class: cls = 'primary-btn small' }: { userId: string; onChange?: (following: boolean) => void; class?: string }) {
  const i = useI18n();
  const s = useStore(session);
  const me = s?.user.id;
  const [following, setFollowing] = useState(() => (me ? readFollowing(me).has(userId) : false));
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!me) return;
    setFollowing(readFollowing(me).has(userId));
  }, [me, userId]);
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
      const set = readFollowing(me);
      if (r.following) set.add(userId);
      else set.delete(userId);
      localStorage.setItem(followingKey(me), JSON.stringify([...set]));
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
