// Feed paging and the strategy switch shared by the Discover and Video surfaces.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { isHidden } from './state.js';

export const STRATEGIES = ['funnel', 'viral'];

/**
 * Pages through one feed session. The server remembers what a session has served, so passing its
 * `sessionId` back means pages never repeat a note.
 */
export function feedPager(surface, strategy, limit = 20) {
  let sessionId;
  let done = false;
  let busy = null;
  let position = 0;
  return {
    get done() { return done; },
    get sessionId() { return sessionId; },
    /** The next page's items, each with its absolute `position` in the session. */
    next() {
      if (busy) return busy;
      busy = (async () => {
        try {
          const r = await api.feed(surface, strategy, sessionId, limit);
          sessionId = r.sessionId;
          if (r.items.length === 0) done = true;
          const items = r.items.map((item) => ({ ...item, position: position++, strategy: r.strategy }));
          return items.filter((item) => !isHidden(item.note));
        } finally {
          busy = null;
        }
      })();
      return busy;
    },
  };
}

/** A segmented control over the rankings; `onChange(strategy)` fires on a new choice. */
export function strategySwitch(current, onChange, idPrefix, options = STRATEGIES) {
  const about = h('p', { class: 'strategy-about', id: `${idPrefix}-about` }, t(`${current}About`));
  const group = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': t('strategy'), 'aria-describedby': `${idPrefix}-about` });
  const buttons = options.map((s) => {
    const b = h('button', { type: 'button', role: 'radio', class: 'segment', dataset: { strategy: s } }, t(s));
    b.addEventListener('click', () => select(s, true));
    return b;
  });
  group.append(...buttons);
  group.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const i = options.indexOf(current);
    const nextS = options[(i + (e.key === 'ArrowRight' ? 1 : options.length - 1)) % options.length];
    select(nextS, true);
    buttons[options.indexOf(nextS)].focus();
  });
  function select(s, fire) {
    const changed = s !== current;
    current = s;
    for (const b of buttons) {
      const on = b.dataset.strategy === s;
      b.setAttribute('aria-checked', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    about.textContent = t(`${s}About`);
    if (fire && changed) onChange(s);
  }
  select(current, false);
  return h('div', { class: 'strategy' }, h('span', { class: 'strategy-label' }, t('strategy')), group, about);
}
