import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface Infinite<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  done: boolean;
  more: () => void;
  reset: () => void;
  setItems: (fn: (items: T[]) => T[]) => void;
}

/**
 * Pages through a list: `fetchPage(cursor)` returns items and the next cursor (null at the end).
 * `deps` restart it from the first page.
 */
export function useInfinite<T, C>(fetchPage: (cursor: C | null) => Promise<{ items: T[]; next: C | null }>, deps: unknown[]): Infinite<T> {
  const [items, setItemsState] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const cursor = useRef<C | null>(null);
  const generation = useRef(0);
  const busy = useRef(false);
  const finished = useRef(false);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const more = useCallback(() => {
    if (busy.current || finished.current) return;
    busy.current = true;
    const gen = generation.current;
    setLoading(true);
    setError(null);
    fetchRef.current(cursor.current).then(
      (page) => {
        if (gen !== generation.current) return;
        cursor.current = page.next;
        setItemsState((prev) => [...prev, ...page.items]);
        if (page.next === null || page.items.length === 0) {
          finished.current = true;
          setDone(true);
        }
      },
      (err: unknown) => gen === generation.current && setError(err),
    ).finally(() => {
      if (gen !== generation.current) return;
      busy.current = false;
      setLoading(false);
    });
  }, []);

  const reset = useCallback(() => {
    generation.current++;
    busy.current = false;
    finished.current = false;
    cursor.current = null;
    setItemsState([]);
    setDone(false);
    setError(null);
    setLoading(false);
  }, []);

  // The first page is asked for before the first paint, not when the sentinel is first seen: painting a page
  // of CJK text can take a few hundred milliseconds that the request would otherwise wait for.
  useLayoutEffect(() => {
    reset();
    more();
  }, deps);

  return { items, loading, error, done, more, reset, setItems: setItemsState };
}

/**
 * Calls `onHit` whenever the returned element nears the viewport. It is observed afresh when `version` (the
 * item count) changes, so a page too short to push it out of view still asks for the next one.
 */
export function useSentinel(onHit: () => void, active: boolean, version: number) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !active) return;
    const io = new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && onHit(), { rootMargin: '800px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [onHit, active, version]);
  return ref;
}
