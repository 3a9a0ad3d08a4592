/**
 * Who is signed in, for a page that needs it. Refreshes `account.me` each time the page shows
 * and sends people where they belong: no session on H5 → login; a guest → registration (except on
 * pages that welcome guests); a registered person on the registration page → home.
 */
import { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { call, clearToken, errorMessage, hasSession, isApiError, onSessionLost, usesDevLogin, type MeResult } from '../services/api';
import { ROUTES, restart } from '../services/routes';
import { loadSubscriptions } from '../services/subscribe';
import { resetSession, setMe, useAppState } from '../state/store';

// A lost session (H5) ends on the login page, whichever call found it out.
onSessionLost(() => {
  clearToken();
  resetSession();
  restart(ROUTES.login);
});

/** 'any': signed in, registered or not (a page a shared card opens, where a guest may look). */
type SessionNeed = 'registered' | 'guest' | 'any';

interface Session {
  me: MeResult | null;
  /** True until the first answer arrives (cached state shows meanwhile). */
  loading: boolean;
  /** A readable message when `account.me` failed. */
  error: string | null;
  refresh: () => Promise<void>;
}

export function useSession(need: SessionNeed = 'registered'): Session {
  const { me } = useAppState();
  const [loading, setLoading] = useState(!me);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    if (!hasSession()) {
      restart(ROUTES.login);
      return;
    }
    inFlight.current = true;
    try {
      const fresh = await call('account', 'me', {});
      setMe(fresh);
      // The WeChat subscription answers, cached for the prompts at the next taps (services/subscribe.ts).
      if (fresh.registered) void loadSubscriptions();
      setError(null);
      if (need === 'registered' && !fresh.registered) restart(ROUTES.register);
      if (need === 'guest' && fresh.registered) restart(ROUTES.home);
    } catch (e) {
      // Sent to the login page already (onSessionLost above).
      if (usesDevLogin && isApiError(e) && e.code === 'UNAUTHENTICATED') return;
      setError(errorMessage(e));
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, [need]);

  useDidShow(() => {
    void refresh();
  });

  return { me, loading, error, refresh };
}
