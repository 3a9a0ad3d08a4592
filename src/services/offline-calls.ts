/**
 * The numbers of the 一键求助 page when the server cannot be reached: an emergency is when the network
 * fails her too. 120 and 110 are always there (the same list the server offers); the people of her
 * last loaded call list are kept on this phone, for the senior or her family proxy only (never a
 * staff member's desk), one list, for the person who loaded it.
 */
import Taro from '@tarojs/taro';
import type { CallEntry } from '@core/api';
import { EMERGENCY_NUMBERS } from '@core/domain/alerts';

const STORAGE_KEY = 'alert.calls';

interface Kept {
  viewerId: string;
  seniorKey: string;
  contacts: CallEntry[];
}

export const EMERGENCY_CALLS: CallEntry[] = EMERGENCY_NUMBERS.map((n) => ({ kind: 'emergencyService', label: n.label, name: n.label, phone: n.phone }));

/** Keep the list just loaded (call only for the senior herself or her family proxy). */
export function keepCalls(viewerId: string, seniorId: string | null, contacts: CallEntry[]): void {
  try {
    Taro.setStorageSync(STORAGE_KEY, { viewerId, seniorKey: seniorId ?? 'self', contacts } satisfies Kept);
  } catch {
    // No room on the phone: the emergency numbers remain.
  }
}

/** The last list this viewer (null: not known offline) loaded for this senior, else 120 and 110. */
export function offlineCalls(viewerId: string | null, seniorId: string | null): CallEntry[] {
  try {
    const kept = Taro.getStorageSync(STORAGE_KEY) as Kept | '' | undefined;
    // Not known who is signed in (no network at start): WeChat keeps storage per user of the
    // mini-program, so what is on this phone is theirs.
    if (kept && (!viewerId || kept.viewerId === viewerId) && kept.seniorKey === (seniorId ?? 'self') && Array.isArray(kept.contacts) && kept.contacts.length) {
      return kept.contacts;
    }
  } catch {
    // unreadable: fall through
  }
  return EMERGENCY_CALLS;
}

/** Forget the kept list (the person leaves, or stops acting for her). */
export function forgetCalls(): void {
  try {
    Taro.removeStorageSync(STORAGE_KEY);
  } catch {
    // nothing kept
  }
}
