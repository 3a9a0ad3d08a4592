import type { PropsWithChildren } from 'react';
// NutUI component styles first, so the app theme below can override them.
import './ui/nutui';
import './app.scss';
// Each component's own stylesheet, once for the whole app (see the file).
import './components/styles';
import { commonMessages } from './messages/common';

if (process.env.TARO_ENV === 'h5') {
  // The H5 tab bar follows elder mode (dropped from the weapp bundle at build time, which a
  // static import would not be).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./styles-h5.scss');
  // Taro's H5 tab bar items are <a href="javascript:;"> whose click handler does the navigation. The
  // local host's Content-Security-Policy (server/security-headers.ts) rightly blocks javascript: URLs,
  // so each tap also reported a violation; cancelling the link's default action leaves only the handler.
  document.addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="javascript:"]');
      if (link) event.preventDefault();
    },
    true,
  );
  // A page whose code cannot be fetched (the network or the server away) left the old page on screen
  // with nothing said, while the address and the tab had already moved on: say so.
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason as { name?: string; message?: string } | null;
    if (reason?.name === 'ChunkLoadError' || /Loading (CSS )?chunk/.test(reason?.message ?? '')) showPageLoadFailed();
  });
}

/** A banner over the page for a few seconds (H5 only; outside React, which still shows the old page). */
function showPageLoadFailed(): void {
  const id = 'page-load-failed';
  document.getElementById(id)?.remove();
  const banner = document.createElement('div');
  banner.id = id;
  banner.className = 'page-load-failed';
  banner.setAttribute('role', 'alert');
  banner.textContent = commonMessages.pageLoadFailed;
  document.body.appendChild(banner);
  setTimeout(() => banner.remove(), 8000);
}

/** The app shell: pages render as children; shared state lives in src/state/store.ts. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
