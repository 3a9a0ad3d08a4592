/** Runs `fn` each time the page shows again (back from another page), not on its first show. */
import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';

export function useShowAgain(fn: () => void): void {
  const first = useRef(true);
  const latest = useRef(fn);
  latest.current = fn;
  useDidShow(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    latest.current();
  });
}
