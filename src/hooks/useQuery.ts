/** A read call whose result a page shows, with loading and a readable error. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionName, FunctionName, Input, Output } from '@core/api';
import { call, errorMessage } from '@/services/api';

interface Query<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
  reload: () => Promise<void>;
  /** Shows `data` in place of the last answer: for a mutation that answers this very view (docs/app.md). */
  set: (data: T) => void;
}

export function useQuery<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input: Input<F, A>, enabled = true): Query<Output<F, A>> {
  const [data, setData] = useState<Output<F, A> | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(input);
  const inputRef = useRef(input);
  inputRef.current = input;

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await call(fn, action, inputRef.current));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, [fn, action]);

  // `key` (the input's JSON) is a dependency so that a new input fetches again.
  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload, key]);

  const set = useCallback((next: Output<F, A>) => {
    setData(next);
    setError(null);
  }, []);

  return { data, loading, error, reload, set };
}
