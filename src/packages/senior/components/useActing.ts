/**
 * The senior a page acts for: `?seniorId=` (proxies and the 居委 desk) or, without it, the signed-in
 * senior. Loads `seniors.home`, whose `acting` says who acts for whom ("您正在代 沈阿婆 操作（家属代理：沈小妹）"),
 * and gives the query parameters every link of the senior pages carries on.
 */
import { useEffect } from 'react';
import type { ActingView, CallEntry } from '@core/api';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { keepCalls } from '@/services/offline-calls';
import { useParam } from '@/services/routes';

export function useActing() {
  const { me, error: sessionError, refresh: refreshSession } = useSession('registered');
  const seniorId = useParam('seniorId');
  const ready = !!me?.registered;
  const home = useQuery('seniors', 'home', seniorId ? { seniorId } : {}, ready);
  useShowAgain(() => {
    if (ready) void home.reload();
  });
  const acting = home.data?.acting ?? null;
  /** The senior themselves (their own pages default to elder mode). */
  const self = acting ? acting.via === 'self' : !seniorId && !!me?.roles.includes('senior');
  /**
   * The senior side (herself or her family proxy), who read plain words; a social worker or an admin
   * at the desk reads the staff's. The server words its texts the same way (domain/words.ts).
   */
  const seniorSide = acting ? acting.via === 'self' || acting.via === 'proxy' : true;
  return {
    me,
    /** Who is signed in could not be loaded (no network at start): the pages still offer the phone numbers. */
    sessionError: me ? null : sessionError,
    /** Load again what failed: the session, or the senior's home. */
    retry: () => void (me ? home.reload() : refreshSession()),
    ready,
    seniorId,
    home,
    acting,
    self,
    seniorSide,
    /** Query parameters for links to other senior pages. */
    params: seniorId ? { seniorId } : {},
  };
}

/**
 * Keeps the senior's call list on this phone when it loads, for the senior or her family proxy only
 * (services/offline-calls.ts): her 一键求助 page and home offer it when the network fails.
 */
export function useKeepCalls(acting: ActingView | null, viewerId: string | null, seniorId: string, contacts: CallEntry[] | undefined): void {
  const keeps = !!acting && (acting.via === 'self' || acting.via === 'proxy');
  useEffect(() => {
    if (contacts && keeps && viewerId) keepCalls(viewerId, seniorId, contacts);
  }, [contacts, keeps, viewerId, seniorId]);
}
