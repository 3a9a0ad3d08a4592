/**
 * 年度志愿报告 over real HTTP on real SQLite (the demo street): a new volunteer of the patrol has a
 * year of records — written and approved by the leader through the API (one then reversed, one left
 * pending), plus activity, one-to-one help and 老伙伴 records seeded in the store as those flows
 * leave them — and `certificates.yearReview` sums exactly the approved, undisputed ones; people
 * served are the distinct seniors of help and 老伙伴 records. A future year and bad input are refused.
 */
import type { CertificatesResults, YearReview } from '../../cloudfunctions/core/api';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import type { ServiceRecordDoc } from '../../cloudfunctions/core/domain/records';
import type { SqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { callApi, login, newRequestId, startSeededApp, type SeededApp, type HttpResult } from '../support/server';

let store: SqliteStore;
let url: string;
// 10:00 in Shanghai on 27 November 2026.
const clock = { now: new Date('2026-11-27T02:00:00.000Z') };
const tokens = new Map<string, string>();

const LEADER = 'demo-v01'; // leads t_patrol (护河巡林志愿服务队)
const VOLUNTEER = `year-review-${process.pid}`;
let volunteerId: string;

let app: SeededApp;

beforeAll(async () => {
  app = await startSeededApp({ label: 'year-review-http', now: () => clock.now });
  ({ url, store } = app);
}, 60_000);

afterAll(() => app.stop());

async function send<T = any>(openid: string, fn: string, action: string, data: object = {}, mutation = true): Promise<HttpResult<T>> {
  if (!tokens.has(openid)) tokens.set(openid, (await login(url, openid)).token);
  return callApi<T>(url, tokens.get(openid)!, fn, action, data, mutation ? newRequestId(action) : undefined);
}
async function ok<T = any>(openid: string, fn: string, action: string, data: object = {}, mutation = true): Promise<T> {
  const r = await send<T>(openid, fn, action, data, mutation);
  if (!r.body.ok) throw new Error(`${fn}.${action}: ${r.body.error.code} ${r.body.error.message}`);
  return r.body.data;
}
const review = (data: object = {}) => ok<CertificatesResults['yearReview']>(VOLUNTEER, 'certificates', 'yearReview', data, false);

/** A record the leader writes for the volunteer (training earns time credits), approved unless told otherwise. */
async function leaderRecord(date: string, minutes: number, approve = true): Promise<string> {
  const r = await ok<{ id: string }>(LEADER, 'records', 'create', {
    volunteerId,
    teamId: 't_patrol',
    category: 'training',
    date,
    place: '社区活动室',
    content: '教老人用智能手机',
    minutes,
  });
  if (approve) await ok(LEADER, 'records', 'approve', { recordId: r.id });
  return r.id;
}

const userIdOf = async (openid: string) => (await store.get<{ _id: string; userId: string }>('identities', openid))!.userId;

/** A record as the attendance, help and 老伙伴 flows leave it (approved), written straight into the store. */
function seeded(id: string, over: Partial<ServiceRecordDoc> & { activityId?: string }): ServiceRecordDoc {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    _id: id,
    volunteerId,
    teamId: 't_patrol',
    category: 'community',
    categoryName: '社区志愿服务（巡河护林、文明养宠等）',
    earnsCredits: false,
    date: '2026-03-14',
    place: '滨江岸线',
    content: '巡河巡林',
    served: '',
    minutes: 120,
    state: 'approved',
    recorderId: volunteerId,
    approverId: 'someone',
    transferId: null,
    reversalId: null,
    reason: null,
    createdAt: at,
    decidedAt: at,
    updatedAt: at,
    ...over,
  };
}

/** Writes seeded documents in one transaction (the store's only way in). */
const put = <T extends { _id: string }>(collection: 'serviceRecords' | 'helpRequests' | 'contacts', doc: T) =>
  store.transaction((tx) => tx.create(collection, doc));

let reversedId: string;

it('a new volunteer joins the patrol; an empty year is zeros, not an error', async () => {
  await ok(VOLUNTEER, 'account', 'register', {
    name: '年报测试',
    phone: '13912349876',
    birthYear: 1962,
    committeeId: 'c_xinyuanwan',
    consentVersion: PRIVACY_POLICY_VERSION,
  });
  volunteerId = await userIdOf(VOLUNTEER);
  await ok(VOLUNTEER, 'teams', 'join', { teamId: 't_patrol' });
  const empty = await review();
  expect(empty).toMatchObject({ year: 2026, name: '年报测试', minutes: 0, records: 0, activities: 0, peopleServed: 0, teams: [], firstDate: null });
  expect(empty.months).toEqual(Array(12).fill(0));
});

it('sums the approved records of the year; reversed, pending and disputed ones are left out', async () => {
  const [s1, s2, s3] = await Promise.all(['demo-s01', 'demo-s02', 'demo-s03'].map(userIdOf));
  // Activities attended (two), one-to-one help twice for the same senior, a 老伙伴 contact with
  // another, a disputed help request, and last year's long service (for the star level).
  await put('serviceRecords', { ...seeded('r_a_yr1_v', { source: 'activity', date: '2026-03-14', minutes: 120 }), activityId: 'a_yr1' });
  await put('serviceRecords', { ...seeded('r_a_yr2_v', { source: 'activity', date: '2026-07-04', minutes: 60 }), activityId: 'a_yr2' });
  for (const [id, seniorId, state, date, minutes] of [
    ['help_yr1', s1, 'done', '2026-05-06', 60],
    ['help_yr2', s1, 'done', '2026-05-20', 45],
    ['help_yr3', s3, 'disputed', '2026-06-01', 240],
  ] as const) {
    await put('helpRequests', { _id: id, seniorId, committeeId: 'c_xinyuanwan', state });
    await put('serviceRecords', seeded(`r_${id}`, { source: 'help', teamId: 'help', category: 'daily', earnsCredits: true, date, minutes }));
  }
  await put('contacts', { _id: 'contact_yr1', seniorId: s2, committeeId: 'c_xinyuanwan' });
  await put(
    'serviceRecords',
    seeded('r_contact_yr1', { source: 'contact', teamId: 't_partners', category: 'emotional', earnsCredits: true, date: '2026-09-09', minutes: 30 }),
  );
  await put('serviceRecords', seeded('r_last_year', { date: '2025-06-01', minutes: 95 * 60 }));
  // Through the API: approved; approved then reversed; pending.
  await leaderRecord('2026-11-20', 150);
  reversedId = await leaderRecord('2026-11-22', 90);
  await leaderRecord('2026-11-24', 60, false);

  const before = await review();
  expect(before.minutes).toBe(150 + 90 + 120 + 60 + 60 + 45 + 30);
  await ok(LEADER, 'records', 'reverse', { recordId: reversedId, reason: '登记重复，撤销' });

  const r: YearReview = await review();
  expect(r).toMatchObject({
    year: 2026,
    name: '年报测试',
    minutes: 150 + 120 + 60 + 60 + 45 + 30,
    hoursText: '7小时45分',
    records: 6,
    activities: 2,
    // s1 twice counts once, s2 by the contact; the disputed s3 does not count.
    peopleServed: 2,
    firstDate: '2026-03-14',
    lastDate: '2026-11-20',
    // The training record and the help and 老伙伴 records earned credits; the patrol's activities did not.
    creditsMinutes: 150 + 60 + 45 + 30,
    creditsText: '4小时45分',
    // 95 hours before the year and 7¾ in it: past the first star (100 hours) by the year's end.
    star: { level: 1, label: '一星志愿者' },
    // The reversed one, the pending one and the disputed help.
    excludedCount: 3,
  });
  expect(r.months).toEqual([0, 0, 120, 0, 105, 0, 60, 0, 30, 0, 150, 0]);
  // One-to-one help has no team; the patrol and the 老伙伴 team are listed, longest first.
  expect(r.teams).toEqual([
    { teamId: 't_patrol', name: '护河巡林志愿服务队', minutes: 330, hoursText: '5小时30分' },
    { teamId: 't_partners', name: '老伙伴', minutes: 30, hoursText: '30分' },
  ]);
});

it('answers an earlier year with the star reached by its end', async () => {
  const last = await review({ year: 2025 });
  expect(last).toMatchObject({ year: 2025, minutes: 95 * 60, records: 1, activities: 0, peopleServed: 0, star: { level: 0, label: '未评星' } });
  expect(last.teams.map((t) => t.name)).toEqual(['护河巡林志愿服务队']);
});

it('refuses a year that has not begun, and a year that is not a number, with a clear message', async () => {
  const future = await send(VOLUNTEER, 'certificates', 'yearReview', { year: 2027 }, false);
  expect(future.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '2027 年还没有到，只能查看 2026 年及以前的年度报告' } });
  const word = await send(VOLUNTEER, 'certificates', 'yearReview', { year: '今年' }, false);
  expect(word.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  const early = await send(VOLUNTEER, 'certificates', 'yearReview', { year: 1999 }, false);
  expect(early.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  const extra = await send(VOLUNTEER, 'certificates', 'yearReview', { year: 2026, userId: 'someone-else' }, false);
  expect(extra.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

it('is one’s own: another volunteer sees their own year, none of these records', async () => {
  const other = await ok<YearReview>('demo-v09', 'certificates', 'yearReview', {}, false);
  expect(other.name).not.toBe('年报测试');
  expect(other.peopleServed).toBe(0);
});
