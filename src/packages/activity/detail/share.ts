/**
 * What a shared activity card says and opens: the title with its date (the card itself shows the
 * page's picture), and the activity's page with its id, where anyone may look. Pure (no Taro), so
 * it is unit-tested; the page passes its own path.
 */
import { messages as m } from './messages';

interface Shareable {
  id: string;
  title: string;
  timeText: string;
}

export function shareOf(a: Shareable | null | undefined, pagePath: string, fallbackPath: string): { title: string; path: string; query: string } {
  if (!a) return { title: m.shareFallback, path: fallbackPath, query: '' };
  const query = `id=${encodeURIComponent(a.id)}`;
  return { title: m.shareTitle(a.title, a.timeText), path: `${pagePath}?${query}`, query };
}
