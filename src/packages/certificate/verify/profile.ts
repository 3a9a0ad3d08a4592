/**
 * 核验证明 is opened cold from a proof's QR, often as the first page, and asks for no registration,
 * so it does not use useSession (which sends a guest to login or registration). It still loads the
 * caller's profile once, quietly, so an elder-mode user's saved setting (profile.elderMode, read by
 * Screen through the app state) applies here as on every other page.
 */
import { call, hasSession } from '@/services/api';
import { getState, setMe } from '@/state/store';

/** Loads `account.me` into the app state when there is a session and no profile yet; never redirects or throws. */
export async function loadProfileQuietly(): Promise<void> {
  if (getState().me || !hasSession()) return;
  try {
    setMe(await call('account', 'me', {}));
  } catch {
    // Anyone may verify: without a profile the page keeps the local elder-mode choice.
  }
}
