/** The shared activity card (packages/activity/detail/share.ts): its title and the path it opens. */
import { shareOf } from '../../src/packages/activity/detail/share';

it('names the activity with its time and opens its page by id', () => {
  const s = shareOf(
    { id: 'act_1 2', title: '周末巡河护林', timeText: '12月12日（周六）09:00–11:00' },
    '/packages/activity/detail/index',
    '/pages/activities/index',
  );
  expect(s).toEqual({
    title: '周末巡河护林（12月12日（周六）09:00–11:00）',
    path: '/packages/activity/detail/index?id=act_1%202',
    query: 'id=act_1%202',
  });
});

it('falls back to the activity list while the activity is still loading', () => {
  expect(shareOf(null, '/packages/activity/detail/index', '/pages/activities/index')).toEqual({
    title: '街道志愿活动',
    path: '/pages/activities/index',
    query: '',
  });
});
