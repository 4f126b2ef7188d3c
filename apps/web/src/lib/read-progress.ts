import { useEffect, useRef } from 'preact/hooks';
import { events, onPageHide } from './events.ts';
import { readPortion } from './read-progress-math.ts';

/**
 * Reports a note being read: `open` when shown, then `view` (portion) and `dwell` (ms) when the reader
 * leaves the page or hides the tab.
 */
export function useReadProgress(noteId: string | null, textEl: { current: HTMLElement | null }, chars: number, context: { recId?: string; surface?: string }) {
  const seen = useRef(0);
  useEffect(() => {
    if (!noteId) return;
    const start = performance.now();
    seen.current = 0;
    let reported = false;
    events.track('open', { noteId, ...context });
    const measure = () => {
      const el = textEl.current;
      if (!el) return;
      const r = el.getBoundingClientRect();
      const fraction = r.height <= 0 ? 1 : (innerHeight - r.top) / r.height;
      seen.current = Math.max(seen.current, Math.min(1, fraction));
    };
    measure();
    addEventListener('scroll', measure, { passive: true });
    const report = () => {
      if (reported) return;
      reported = true;
      measure();
      const ms = Math.round(performance.now() - start);
      events.track('view', { noteId, portion: readPortion(seen.current, ms, chars), ms, ...context });
      events.track('dwell', { noteId, ms, ...context });
    };
    const off = onPageHide(report);
    return () => {
      removeEventListener('scroll', measure);
      off();
      report();
      void events.flush();
    };
  }, [noteId]);
}
