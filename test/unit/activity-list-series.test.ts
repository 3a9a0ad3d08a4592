/** The activity list shows a weekly series once, at its next date, and keeps one-offs as they are. */
import type { ActivityView } from '../../cloudfunctions/core/api';
import { firstOfEachSeries } from '../../src/pages/activities/series';

const activity = (id: string, seriesId: string | null): ActivityView => ({ id, seriesId }) as unknown as ActivityView;

it('keeps the first occurrence of each series and every one-off, in order', () => {
  const items = [
    activity('a1', 's1'),
    activity('b', null),
    activity('a2', 's1'),
    activity('c1', 's2'),
    activity('d', null),
    activity('c2', 's2'),
    activity('a3', 's1'),
  ];
  expect(firstOfEachSeries(items).map((a) => a.id)).toEqual(['a1', 'b', 'c1', 'd']);
});

it('a list of one-offs is unchanged', () => {
  const items = [activity('x', null), activity('y', null)];
  expect(firstOfEachSeries(items).map((a) => a.id)).toEqual(['x', 'y']);
});
