/**
 * Asks before a page with unsaved changes is left. In WeChat, the system's question when the person
 * goes back (the back button, the swipe, the phone's back key; `enableAlertBeforeUnload`). In the
 * browser, the browser's own question on reload or closing the tab (`beforeunload`): Taro's H5
 * router has no hook for going back inside the app, so there the page's own 还没有保存 notice is all.
 */
import Taro from '@tarojs/taro';
import { useEffect } from 'react';

const isWeapp = process.env.TARO_ENV === 'weapp';

export function useLeaveGuard(unsaved: boolean, message: string): void {
  useEffect(() => {
    if (!unsaved) return undefined;
    if (isWeapp) {
      // Older WeChat versions lack it: they leave without asking, as before.
      Taro.enableAlertBeforeUnload({ message, fail: () => undefined });
      return () => void Taro.disableAlertBeforeUnload({ fail: () => undefined });
    }
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = message;
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved, message]);
}
