import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

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

  const more = useCallback(() => {
    if (busy.current || done) return;
    busy.current = true;
    const gen = generation.current;
    setLoading(true);
    setError(null);
    fetchPage(cursor.current).then(
      (page) => {
        if (gen !== generation.current) return;
        cursor.current = page.next;
        setItemsState((prev) => [...prev, ...page.items]);
        if (page.next === null || page.items.length === 0) setDone(true);
      },
      (err: unknown) => gen === generation.current && setError(err),
    ).finally(() => {
      if (gen !== generation.current) return;
      busy.current = false;
      setLoading(false);
    });
  }, [done, ...deps]);

  const reset = useCallback(() => {
    generation.current++;
    busy.current = false;
    cursor.current = null;
    setItemsState([]);
    setDone(false);
    setError(null);
    setLoading(false);
  }, []);

  useEffect(() => {
    reset();
  }, deps);

  return { items, loading, error, done, more, reset, setItems: setItemsState };
}

/** Calls `onHit` whenever the returned element's sentinel nears the viewport. */
export function useSentinel(onHit: () => void, active: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !active) return;
    const io = new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && onHit(), { rootMargin: '800px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [onHit, active]);
  return ref;
}
