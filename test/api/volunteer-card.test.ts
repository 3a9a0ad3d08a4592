/**
 * The electronic volunteer card over the real HTTP app: the volunteer's card, a leader's scan
 * (look-up, then check-in under the activity's check-in window and team rules), refusals of a
 * wrong leader, a time outside the window, expired and forged tokens, and an idempotent retry.
 * The server's clock is movable (like test/browser/clock.ts) so "the day" comes without waiting.
 */
import type { AccountResults, ActivitiesResults, RecordsResults } from '../../cloudfunctions/core/api';
import { addDays, localDate } from '../../cloudfunctions/core/domain/schedule';
import { callApi, login, newRequestId, startSeededApp, type HttpResult } from '../support/server';

let url: string;
let offset = 0;
const now = () => new Date(Date.now() + offset);
const setNow = (at: Date) => {
  offset = at.getTime() - Date.now();
};
let stop: () => Promise<void>;
let auditKinds: (kind: string) => Promise<Array<{ actorId: string; subjectId: string }>>;

const LEADER = 'demo-v01'; // leads t_patrol
const OTHER_LEADER = 'demo-v02'; // leads t_paws
const VOLUNTEER = 'demo-v06';
const STRANGER = 'demo-v07';
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const app = await startSeededApp({ label: 'street-card', now });
  url = app.url;
  auditKinds = async (kind) => (await app.store.find<{ _id: string; actorId: string; subjectId: string }>('audit', { where: { kind }, limit: 100 })).items;
  stop = () => app.stop();
  for (const who of [LEADER, OTHER_LEADER, VOLUNTEER, STRANGER]) tokens[who] = (await login(url, who)).token;
}, 60_000);
afterAll(() => stop());

const call = <T>(who: string, fn: string, action: string, data: object = {}, requestId?: string) => callApi<T>(url, tokens[who]!, fn, action, data, requestId);

function data<T>(r: HttpResult<T>): T {
  if (!r.body.ok) throw new Error(`${r.body.error.code} ${r.body.error.message}`);
  return r.body.data;
}

const errorOf = (r: HttpResult) => (r.body.ok ? null : r.body.error);

const cardToken = async (who = VOLUNTEER) => data(await call<AccountResults['cardToken']>(who, 'account', 'cardToken')).token;

describe('the electronic volunteer card', () => {
  let activityId: string;
  let startAt: string;

  beforeAll(async () => {
    const created = data(
      await call<ActivitiesResults['create']>(
        LEADER,
        'activities',
        'create',
        {
          teamId: 't_patrol',
          title: '志愿者证签到演练',
          category: 'community',
          place: { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 },
          date: addDays(localDate(now()), 2),
          startTime: '09:00',
          endTime: '11:00',
          capacity: 10,
        },
        newRequestId('create'),
      ),
    );
    activityId = created.activities[0]!.id;
    startAt = created.activities[0]!.startAt;
    data(await call(VOLUNTEER, 'activities', 'signup', { activityId }, newRequestId('signup')));
  });

  it('shows the volunteer their card: name, number, no identity yet, hours, star, teams and a card QR', async () => {
    const card = data(await call<AccountResults['card']>(VOLUNTEER, 'account', 'card'));
    expect(card.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    expect(card.volunteerNo).toMatch(/^\d{6}-.+-\d{4}-\d{6}$|^[\w-]+-\d{4}-\d{6}$/);
    expect(card.identity).toBeNull();
    expect(card.photoUrl).toBeNull();
    // The same approved total as 我的时间's records.totals, read the way the app reads hours.
    const totals = data(await call<RecordsResults['totals']>(VOLUNTEER, 'records', 'totals'));
    expect(card.served).toEqual({ minutes: totals.total.minutes, hoursText: totals.total.display });
    expect(card.served.minutes).toBeGreaterThan(0);
    expect(typeof card.star.label).toBe('string');
    expect(Array.isArray(card.teams)).toBe(true);
    expect(card.qr.token.startsWith('vc1.')).toBe(true);
    expect(Date.parse(card.qr.validUntil) - Date.parse(card.qr.rotatesAt)).toBe(59_999);
    // The number is given once and stays.
    expect(data(await call<AccountResults['card']>(VOLUNTEER, 'account', 'card')).volunteerNo).toBe(card.volunteerNo);
    // Only for the volunteer's own: a guest has no card.
    const guest = (await login(url)).token;
    expect(errorOf(await callApi(url, guest, 'account', 'card'))?.code).toBe('NOT_REGISTERED');
  });

  it('shows the identity number masked but its last 4 once given for a proof, and audits the reading', async () => {
    const HOLDER = 'demo-v04'; // 刘芳, who has approved patrol hours
    tokens[HOLDER] = (await login(url, HOLDER)).token;
    const today = localDate(now());
    data(
      await call(
        HOLDER,
        'certificates',
        'apply',
        { scope: 'all', from: '2020-01-01', to: today, identity: { type: 'idCard', number: '31010419800101128X', consent: true } },
        newRequestId('apply'),
      ),
    );
    const card = data(await call<AccountResults['card']>(HOLDER, 'account', 'card'));
    expect(card.identity).toEqual({ typeText: '居民身份证', numberMasked: '**************128X' });
    expect(JSON.stringify(card)).not.toContain('310104');
    const reads = await auditKinds('card.identity.read');
    expect(reads.some((a) => a.subjectId === a.actorId)).toBe(true);
  });

  it('lets a leader look the holder up with no more than check-in needs; nothing open before the window', async () => {
    const lookup = data(await call<ActivitiesResults['cardLookup']>(LEADER, 'activities', 'cardLookup', { token: await cardToken() }));
    const card = data(await call<AccountResults['card']>(VOLUNTEER, 'account', 'card'));
    expect(lookup.name).toBe(card.name);
    expect(lookup.volunteerNo).toBe(card.volunteerNo);
    expect(lookup.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(lookup.teams).toEqual(card.teams);
    // The seeded street has its own activities; this one's check-in is not open yet.
    expect(lookup.activities.map((a) => a.id)).not.toContain(activityId);
    expect(Object.keys(lookup).sort()).toEqual(['activities', 'name', 'phoneMasked', 'teams', 'userId', 'volunteerNo']);
    // Every scan is audited: who scanned whom.
    expect(await auditKinds('card.scan')).toEqual(expect.arrayContaining([expect.objectContaining({ subjectId: lookup.userId })]));
    // A volunteer who leads nothing may not scan cards.
    expect(errorOf(await call(STRANGER, 'activities', 'cardLookup', { token: await cardToken() }))?.code).toBe('FORBIDDEN');
  });

  it('refuses a check-in outside the check-in window', async () => {
    const r = await call(LEADER, 'activities', 'cardCheckIn', { token: await cardToken(), activityId }, newRequestId('early'));
    expect(r.status).toBe(409);
    expect(errorOf(r)).toMatchObject({ code: 'WRONG_STATE', message: expect.stringContaining('还没到签到时间') });
  });

  it('on the day: checks the holder in once, for the leader of the team only, and answers a retry the same', async () => {
    setNow(new Date(Date.parse(startAt) - 30 * 60_000));
    const token = await cardToken();

    const lookup = data(await call<ActivitiesResults['cardLookup']>(LEADER, 'activities', 'cardLookup', { token }));
    expect(lookup.activities).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: activityId, title: '志愿者证签到演练', attendance: 'none', waitlisted: false })]),
    );
    // The other team's leader sees none of this team's activities, and may not check in to them.
    const seenByOther = data(await call<ActivitiesResults['cardLookup']>(OTHER_LEADER, 'activities', 'cardLookup', { token })).activities;
    expect(seenByOther.map((a) => a.id)).not.toContain(activityId);
    const wrong = await call(OTHER_LEADER, 'activities', 'cardCheckIn', { token, activityId }, newRequestId('wrong'));
    expect(wrong.status).toBe(403);
    expect(errorOf(wrong)?.code).toBe('FORBIDDEN');

    // Someone who did not sign up is not checked in by their card.
    const stranger = await call(LEADER, 'activities', 'cardCheckIn', { token: await cardToken(STRANGER), activityId }, newRequestId('stranger'));
    expect(errorOf(stranger)).toMatchObject({ code: 'WRONG_STATE', message: '这个人没有报名这个活动' });

    const requestId = newRequestId('card-in');
    const first = data(await call<ActivitiesResults['cardCheckIn']>(LEADER, 'activities', 'cardCheckIn', { token, activityId }, requestId));
    expect(first).toMatchObject({ activityId, attendance: 'in', already: false, title: '志愿者证签到演练', name: lookup.name });
    const roster = data(await call<ActivitiesResults['roster']>(LEADER, 'activities', 'roster', { activityId }));
    const entry = roster.signed.find((e) => e.userId === lookup.userId)!;
    expect(entry).toMatchObject({ attendance: 'in', checkInBy: 'card', checkInAt: first.checkInAt });

    // Five minutes later the token has expired, yet the same request is answered as the first time.
    setNow(new Date(Date.parse(startAt) - 25 * 60_000));
    const retry = data(await call<ActivitiesResults['cardCheckIn']>(LEADER, 'activities', 'cardCheckIn', { token, activityId }, requestId));
    expect(retry).toEqual(first);
    // A new request with a fresh card changes nothing: already checked in.
    const again = data(
      await call<ActivitiesResults['cardCheckIn']>(LEADER, 'activities', 'cardCheckIn', { token: await cardToken(), activityId }, newRequestId('again')),
    );
    expect(again).toMatchObject({ already: true, checkInAt: first.checkInAt });
  });

  it('refuses an expired or forged card token with a clear error', async () => {
    const old = await cardToken();
    setNow(new Date(now().getTime() + 3 * 60_000));
    for (const action of ['cardLookup', 'cardCheckIn'] as const) {
      const input = action === 'cardCheckIn' ? { token: old, activityId } : { token: old };
      const expired = await call(LEADER, 'activities', action, input, newRequestId('expired'));
      expect(expired.status).toBe(400);
      expect(errorOf(expired)).toMatchObject({ code: 'TOKEN_EXPIRED', message: '志愿者证二维码已过期，请对方刷新志愿者证后再扫' });
    }
    const fresh = await cardToken();
    const [p, userId, w, sig] = fresh.split('.') as [string, string, string, string];
    const strangerId = (await call<ActivitiesResults['cardLookup']>(LEADER, 'activities', 'cardLookup', { token: await cardToken(STRANGER) })).body;
    const otherId = strangerId.ok ? strangerId.data.userId : 'u_other';
    const forged = [
      `${p}.${otherId}.${w}.${sig}`, // someone else's id under this card's signature
      `${p}.${userId}.${w}.${sig.slice(0, -2)}`, // truncated
      `${p}.${userId}.${Number(w) + 5}.${sig}`, // a later window
      `ck1.${activityId}.${w}.${sig}`, // an activity check-in token is no card
      '这不是二维码内容',
    ];
    for (const token of forged) {
      const r = await call(LEADER, 'activities', 'cardLookup', { token });
      expect(r.status).toBe(400);
      expect(errorOf(r)).toMatchObject({ code: 'TOKEN_INVALID', message: '这不是有效的志愿者证二维码' });
    }
    const empty = await call(LEADER, 'activities', 'cardLookup', { token: '' });
    expect(errorOf(empty)?.code).toBe('VALIDATION');
  });
});
