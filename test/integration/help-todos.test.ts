/**
 * Messages that ask someone to act on a help request (请确认服务 to the senior's side, 公益池资助申请
 * and 服务有异议 to the 居委) stop counting as unread once the request has moved on: a senior whose
 * home showed 20-odd 新消息, most of them done, could not find the one that mattered.
 */
import type { HelpRequestView, InboxResults } from '../../cloudfunctions/core/api';
import { openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

const v = (n: number) => `demo-v${String(n).padStart(2, '0')}`;
let s: SeniorStreet;

const unread = async (openid: string, title: string) =>
  (await s.ok<InboxResults['list']>(openid, 'inbox', 'list', { limit: 100 })).items.filter((m) => m.title === title && !m.read).length;
const unreadCount = async (openid: string) => (await s.ok<InboxResults['unreadCount']>(openid, 'inbox', 'unreadCount')).unread;

async function reported(req: HelpRequestView, minutes = 60): Promise<void> {
  await s.ok(v(4), 'help', 'accept', { requestId: req.id });
  s.clock.now = new Date(Date.parse(req.startAt) + minutes * 60_000);
  await s.ok(v(4), 'help', 'reportDone', { requestId: req.id, minutes });
}

beforeEach(async () => {
  s = await openSeniorStreet();
});
afterEach(() => s.close());

it('请确认服务 is read once the service is confirmed, for the senior and her proxy alike', async () => {
  const senior = await s.userId('demo-s01');
  const req = await s.request('demo-f01', { seniorId: senior, minutes: 120 });
  await reported(req, 120);
  expect(await unread('demo-s01', '请确认服务')).toBe(1);
  expect(await unread('demo-f01', '请确认服务')).toBe(1);
  const before = await unreadCount('demo-s01');
  await s.ok('demo-f01', 'help', 'confirm', { requestId: req.id });
  expect(await unread('demo-s01', '请确认服务')).toBe(0);
  expect(await unread('demo-f01', '请确认服务')).toBe(0);
  expect(await unreadCount('demo-s01')).toBe(before - 1);
});

it('a dispute reads the 请确认 to-do, and the 居委’s 服务有异议 is read once it is settled; a grant request once decided', async () => {
  const senior = await s.userId('demo-s01');
  const req = await s.request('demo-f01', { seniorId: senior, minutes: 120 });
  await reported(req, 120);
  await s.ok('demo-f01', 'help', 'dispute', { requestId: req.id, reason: '只待了半小时' });
  expect(await unread('demo-f01', '请确认服务')).toBe(0);
  expect(await unread('demo-social', '服务有异议')).toBe(1);
  await s.ok('demo-social', 'help', 'settle', { requestId: req.id, how: 'part', minutes: 30, reason: '双方确认服务半小时' });
  expect(await unread('demo-social', '服务有异议')).toBe(0);

  const pool = await s.request('demo-s04', { funding: 'pool', minutes: 60, startTime: '15:00', endTime: '16:00', date: s.day(1) });
  expect(await unread('demo-social', '公益池资助申请')).toBeGreaterThanOrEqual(1);
  const pending = await unread('demo-social', '公益池资助申请');
  await s.ok('demo-social', 'help', 'decideGrant', { requestId: pool.id, approve: true, reason: '独居高龄，无时间币' });
  expect(await unread('demo-social', '公益池资助申请')).toBe(pending - 1);
});
