/**
 * One user action that changes data (a mutation). Its requestId: pressing the button again after an
 * unknown outcome (no answer, the server failing) with the same input retries with the same id, even
 * from another page (RequestIdKeeper), so the server applies it at most once; any other press is a new
 * action with a new id. An unknown outcome is never reported as a failure: `error` then says it is
 * not known whether it was done (pages show it whole, without their 没有成功 lead-in: FailureNotice).
 */
import { useCallback, useRef, useState } from 'react';
import type { ActionName, FunctionName, Input, Output } from '@core/api';
import { apiMessages } from '../messages/api';
import { type ApiError, RequestIdKeeper, call, errorMessage, isApiError } from '../services/api';

interface Mutation<F extends FunctionName, A extends ActionName<F>> {
  /** Resolves with the result, or with undefined after a failure (see `error`). */
  run: (data: Input<F, A>) => Promise<Output<F, A> | undefined>;
  busy: boolean;
  /** Readable message of the last failure, shown inline by the page. */
  error: string | null;
  /** The stable code of the server's refusal (errors.ts), when the failure was one. */
  code: string | null;
  /** What the server's refusal named beside its message (e.g. the request one already has), when it was one. */
  details: unknown;
  /** Field messages of the last VALIDATION failure, keyed by path. */
  fieldErrors: Record<string, string>;
  /** Whether the last failure left the outcome unknown (ApiError.uncertain), so a retry is safe and useful. */
  retryable: boolean;
  clearError: () => void;
}

export function useMutation<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A): Mutation<F, A> {
  const keeper = useRef(new RequestIdKeeper());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | Error | null>(null);
  const busyRef = useRef(false);

  const run = useCallback(
    async (data: Input<F, A>) => {
      if (busyRef.current) return undefined;
      busyRef.current = true;
      setBusy(true);
      setFailure(null);
      const requestId = keeper.current.idFor({ fn, action, data });
      try {
        const out = await call(fn, action, data, { requestId });
        keeper.current.settle();
        return out;
      } catch (e) {
        keeper.current.settle(e);
        setFailure(e instanceof Error ? e : new Error(String(e)));
        return undefined;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [fn, action],
  );

  const unsettled = isApiError(failure) && failure.uncertain;
  return {
    run,
    busy,
    error: failure ? (unsettled ? apiMessages.unsettled + apiMessages.unsettledRetry : errorMessage(failure)) : null,
    code: isApiError(failure) ? failure.code : null,
    details: isApiError(failure) ? failure.details : null,
    fieldErrors: isApiError(failure) ? failure.fieldErrors() : {},
    retryable: unsettled,
    clearError: () => setFailure(null),
  };
}
