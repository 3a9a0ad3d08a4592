import type { PropsWithChildren } from 'react';
// NutUI component styles first, so the app theme below can override them.
import './ui/nutui';
import './app.scss';

if (process.env.TARO_ENV === 'h5') {
  // The H5 tab bar follows elder mode (dropped from the weapp bundle at build time).
  require('./styles-h5.scss');
}

/** The app shell: pages render as children; shared state lives in src/state/store.ts. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
