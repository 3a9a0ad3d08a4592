/**
 * A weekly series appears once in the activity list: at its next date, with "每周六 · 共 8 次".
 * The list is sorted by start time, so the first occurrence met is the next one; later pages drop
 * occurrences of series already shown.
 */
import type { ActivityView } from '@core/api';

export function firstOfEachSeries(items: readonly ActivityView[]): ActivityView[] {
  const seen = new Set<string>();
  const out: ActivityView[] = [];
  for (const a of items) {
    if (a.seriesId) {
      if (seen.has(a.seriesId)) continue;
      seen.add(a.seriesId);
    }
    out.push(a);
  }
  return out;
}
