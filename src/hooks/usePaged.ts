/**
 * A cursor-paged read (`{ items, next }`): the first page on load (and on reload), further pages
 * appended by `more()`. Stale answers (the input changed meanwhile) are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionName, FunctionName, Input, Output } from '@core/api';
import { call, errorMessage } from '../services/api';

type Paged<T> = { items: T[]; next: string | null };
type ItemOf<O> = O extends Paged<infer T> ? T : never;

interface PagedQuery<T, O> {
  items: T[];
  /** The last page's whole answer (for extra fields such as `unread`). */
  last: O | null;
  next: string | null;
  loading: boolean;
  loaded: boolean;
  error: string | null;
  more: () => Promise<void>;
  reload: () => Promise<void>;
  /** Replace one item in place (after a mutation returned its new state). */
  patch: (match: (item: T) => boolean, next: T | ((item: T) => T)) => void;
}

export function usePaged<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: Input<F, A>,
  enabled = true,
): PagedQuery<ItemOf<Output<F, A>>, Output<F, A>> {
  type T = ItemOf<Output<F, A>>;
  const [items, setItems] = useState<T[]>([]);
  const [last, setLast] = useState<Output<F, A> | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(input);
  const inputRef = useRef(input);
  inputRef.current = input;
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (after: string | null) => {
      const gen = generation.current;
      setLoading(true);
      try {
        const data = { ...(inputRef.current as object), ...(after ? { after } : {}) } as Input<F, A>;
        const page = (await call(fn, action, data)) as Output<F, A>;
        if (gen !== generation.current) return;
        const p = page as unknown as Paged<T>;
        setItems((prev) => (after ? [...prev, ...p.items] : p.items));
        setNext(p.next);
        setLast(page);
        setLoaded(true);
        setError(null);
      } catch (e) {
        if (gen === generation.current) setError(errorMessage(e));
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [fn, action],
  );

  const reload = useCallback(async () => {
    generation.current += 1;
    await fetchPage(null);
  }, [fetchPage]);

  // `key` (the input's JSON) is a dependency so that a new input fetches again.
  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload, key]);

  const more = useCallback(async () => {
    if (next) await fetchPage(next);
  }, [fetchPage, next]);

  const patch = useCallback((match: (item: T) => boolean, value: T | ((item: T) => T)) => {
    setItems((prev) => prev.map((it) => (match(it) ? (typeof value === 'function' ? (value as (i: T) => T)(it) : value) : it)));
  }, []);

  return { items, last, next, loading, loaded, error, more, reload, patch };
}
