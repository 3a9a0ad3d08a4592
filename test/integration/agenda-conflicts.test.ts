/**
 * A volunteer is not booked twice for the same hours across activities and help requests: accepting a
 * home visit that overlaps an activity they signed up to by more than the hour's grace is refused
 * (TIME_CONFLICT, naming the activity), a shorter overlap is accepted and said, and an activity overlapping an
 * accepted visit is refused in turn, until the visit is handed back. Checked inside each transaction
 * from the volunteer's agenda (services/shared/agenda.ts), on a real SQLite store.
 */
import type { ActivitiesResults, HelpRequestView } from '../../cloudfunctions/core/api';
import { openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

let s: SeniorStreet;
const VOLUNTEER = 'demo-v04';

beforeAll(async () => {
  // Friday 27 November, 08:00 in Shanghai: the activities and visits are on Saturday.
  s = await openSeniorStreet();
});
afterAll(() => s.close());

it('refuses a visit that overlaps a signed-up activity by over an hour, and an activity over an accepted visit', async () => {
  const senior = await s.userId('demo-s01');
  // Saturday 09:00–11:00.
  const patrol = await s.createActivity('demo-v01', { title: '周末巡河护林', startTime: '09:00', endTime: '11:00' });
  await s.ok<ActivitiesResults['signup']>(VOLUNTEER, 'activities', 'signup', { activityId: patrol.id });

  // A visit 09:30–11:30 overlaps the patrol by 90 minutes: refused, the patrol named.
  const clash = await s.request('demo-f01', { seniorId: senior, startTime: '09:30', endTime: '11:30', minutes: 60 });
  const refused = await s.err(VOLUNTEER, 'help', 'accept', { requestId: clash.id });
  expect(refused).toMatchObject({
    code: 'TIME_CONFLICT',
    message: '与您已报名的“周末巡河护林”（11月28日（周六）09:00–11:00）时间冲突超过 1 小时，不能再接这个求助',
  });
  expect((await s.ok<HelpRequestView>('demo-f01', 'help', 'detail', { requestId: clash.id })).state).toBe('open');
  // Another volunteer, free then, takes it.
  expect((await s.ok<HelpRequestView>('demo-v06', 'help', 'accept', { requestId: clash.id })).state).toBe('assigned');

  // A visit 10:30–12:30 overlaps by 30 minutes only: offered and accepted, the overlap said before and on the answer.
  const near = await s.request('demo-f01', { seniorId: senior, startTime: '10:30', endTime: '12:30', minutes: 60 });
  const overlap = '与您已报名的“周末巡河护林”（11月28日（周六）09:00–11:00）时间重叠 30 分钟，请注意安排';
  expect(await s.ok<HelpRequestView>(VOLUNTEER, 'help', 'detail', { requestId: near.id })).toMatchObject({ overlap, can: { accept: true } });
  expect((await s.ok<{ items: HelpRequestView[] }>(VOLUNTEER, 'help', 'open', {})).items.find((r) => r.id === near.id)).toMatchObject({ overlap });
  // A volunteer free then is told nothing.
  expect((await s.ok<HelpRequestView>('demo-v07', 'help', 'detail', { requestId: near.id })).overlap).toBeUndefined();
  expect(await s.ok<HelpRequestView>(VOLUNTEER, 'help', 'accept', { requestId: near.id })).toMatchObject({ state: 'assigned', overlap });
  // Read again later (the request page after a reload), the accepted visit still says it.
  expect(await s.ok<HelpRequestView>(VOLUNTEER, 'help', 'detail', { requestId: near.id })).toMatchObject({ state: 'assigned', overlap });

  // An activity 11:00–13:00 overlaps that visit by 90 minutes: refused, the visit named.
  const walk = await s.createActivity('demo-v02', { title: '握爪周末遛狗', startTime: '11:00', endTime: '13:00' });
  const blocked = await s.call(VOLUNTEER, 'activities', 'signup', { activityId: walk.id });
  expect(blocked.ok || blocked.error).toMatchObject({
    code: 'TIME_CONFLICT',
    message: '与您已接下的“精神慰藉”求助（11月28日（周六）10:30–12:30）时间冲突超过 1 小时，不能同时报名',
  });

  // Handed back (before it starts), the visit frees the hours.
  await s.ok<HelpRequestView>(VOLUNTEER, 'help', 'handBack', { requestId: near.id });
  expect((await s.ok<ActivitiesResults['signup']>(VOLUNTEER, 'activities', 'signup', { activityId: walk.id })).state).toBe('signed');
  // And now the visit clashes with the walk: the volunteer cannot take it again.
  expect(await s.err(VOLUNTEER, 'help', 'accept', { requestId: near.id })).toMatchObject({
    code: 'TIME_CONFLICT',
    message: expect.stringContaining('握爪周末遛狗'),
  });
});

it('two visits at the same hours: the second accept is refused', async () => {
  const senior = await s.userId('demo-s02');
  const first = await s.request('demo-social', { seniorId: senior, date: s.day(2), startTime: '14:00', endTime: '16:00' });
  const second = await s.request('demo-social', { seniorId: await s.userId('demo-s01'), date: s.day(2), startTime: '14:00', endTime: '16:00' });
  await s.ok(VOLUNTEER, 'help', 'accept', { requestId: first.id });
  expect(await s.err(VOLUNTEER, 'help', 'accept', { requestId: second.id })).toMatchObject({
    code: 'TIME_CONFLICT',
    message: expect.stringContaining('您已接下的“精神慰藉”求助'),
  });
});

it('a visit over an activity one is only waitlisted for says 您在候补的, not 您已报名的', async () => {
  const senior = await s.userId('demo-s01');
  // Sunday 09:00–11:00, one place, taken by another volunteer: the volunteer is on the waitlist.
  const full = await s.createActivity('demo-v01', { title: '周日护河', date: s.day(2), startTime: '09:00', endTime: '11:00', capacity: 1 });
  await s.ok('demo-v07', 'activities', 'signup', { activityId: full.id });
  expect((await s.ok<ActivitiesResults['signup']>(VOLUNTEER, 'activities', 'signup', { activityId: full.id })).state).toBe('waitlisted');
  const visit = await s.request('demo-f01', { seniorId: senior, date: s.day(2), startTime: '09:30', endTime: '11:30', minutes: 60 });
  expect(await s.err(VOLUNTEER, 'help', 'accept', { requestId: visit.id })).toMatchObject({
    code: 'TIME_CONFLICT',
    message: expect.stringContaining('与您在候补的“周日护河”'),
  });
});
