/**
 * Activities over the real HTTP server: 200 people sign up at once for 20 places, cancellations
 * promote the waitlist in order, and the leader's day (code, check-in, check-out, approval) end to end.
 */
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { addDays, localDate } from '../../cloudfunctions/core/domain/schedule';
import type { ActivitiesResults, InboxResults, MeResult, RecordsResults } from '../../cloudfunctions/core/api';
import { callApi, login, newRequestId, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let leader: string;

beforeAll(async () => {
  server = await startTestServer();
  leader = (await login(server.url, 'demo-v01')).token;
});
afterAll(() => server.stop());

interface Person {
  token: string;
  userId: string;
}

async function registerPeople(count: number, phonePrefix: string): Promise<Person[]> {
  const people: Person[] = [];
  for (let start = 0; start < count; start += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, count - start) }, async (_, j) => {
        const i = start + j;
        const { token } = await login(server.url);
        const me = await callApi<MeResult>(
          server.url,
          token,
          'account',
          'register',
          {
            name: '并发志愿者',
            phone: `${phonePrefix}${String(i).padStart(4, '0')}`,
            birthYear: 1968,
            committeeId: 'c_linyin',
            consentVersion: PRIVACY_POLICY_VERSION,
          },
          newRequestId('reg'),
        );
        if (!me.body.ok || !me.body.data.profile) throw new Error(`register ${i} failed`);
        return { token, userId: me.body.data.profile.id };
      }),
    );
    people.push(...batch);
  }
  return people;
}

async function createActivity(data: object): Promise<string> {
  const date = addDays(localDate(new Date()), 10);
  const result = await callApi<ActivitiesResults['create']>(
    server.url,
    leader,
    'activities',
    'create',
    {
      teamId: 't_patrol',
      title: '秋季河道大扫除',
      category: 'community',
      place: { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 },
      date,
      startTime: '13:00',
      endTime: '15:00',
      capacity: 20,
      ...data,
    },
    newRequestId('create'),
  );
  if (!result.body.ok) throw new Error(result.body.error.message);
  return result.body.data.activities[0]!.id;
}

const roster = async (activityId: string) => {
  const result = await callApi<ActivitiesResults['roster']>(server.url, leader, 'activities', 'roster', { activityId });
  if (!result.body.ok) throw new Error(result.body.error.message);
  return result.body.data;
};

describe('200 concurrent sign-ups for 20 places', () => {
  let people: Person[];
  let activityId: string;
  let byUser: Map<string, ActivitiesResults['signup']>;

  beforeAll(async () => {
    people = await registerPeople(200, '1370000');
    activityId = await createActivity({ capacity: 20 });
    const requestIds = people.map(() => newRequestId('signup'));
    // Everyone at once; 20 of them also tap twice (a second request with its own id) and 20 retry the same request.
    const calls = [
      ...people.map((p, i) => callApi<ActivitiesResults['signup']>(server.url, p.token, 'activities', 'signup', { activityId }, requestIds[i])),
      ...people
        .slice(0, 20)
        .map((p) => callApi<ActivitiesResults['signup']>(server.url, p.token, 'activities', 'signup', { activityId }, newRequestId('double'))),
      ...people
        .slice(20, 40)
        .map((p, i) => callApi<ActivitiesResults['signup']>(server.url, p.token, 'activities', 'signup', { activityId }, requestIds[20 + i])),
    ];
    const results = await Promise.all(calls);
    byUser = new Map();
    const firsts = results.slice(0, 200);
    const doubles = results.slice(200, 220);
    const retries = results.slice(220);
    // The same person twice with different request ids: exactly one of the two got in.
    for (let i = 0; i < 20; i++) {
      const oks = [firsts[i]!, doubles[i]!].filter((r) => r.body.ok);
      expect(oks).toHaveLength(1);
      const refused = [firsts[i]!, doubles[i]!].find((r) => !r.body.ok)!;
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      byUser.set(people[i]!.userId, (oks[0]!.body as { data: ActivitiesResults['signup'] }).data);
    }
    for (let i = 20; i < 200; i++) {
      const r = firsts[i]!;
      expect(r.status).toBe(200);
      if (r.body.ok) byUser.set(people[i]!.userId, r.body.data);
    }
    // A retry with the same request id answers exactly what the first call answered.
    retries.forEach((r, i) => expect(r.body).toEqual(firsts[20 + i]!.body));
  });

  it('signs exactly 20 and waitlists 180, nobody twice', async () => {
    const answers = [...byUser.values()];
    expect(answers).toHaveLength(200);
    expect(answers.filter((a) => a.state === 'signed')).toHaveLength(20);
    expect(answers.filter((a) => a.state === 'waitlisted')).toHaveLength(180);
    const r = await roster(activityId);
    expect(r.counts).toMatchObject({ signed: 20, waitlisted: 180 });
    expect(r.activity).toMatchObject({ signedCount: 20, waitlistCount: 180, placesLeft: 0 });
    const everyone = [...r.signed, ...r.waitlist].map((e) => e.userId);
    expect(new Set(everyone).size).toBe(200);
    expect(new Set(everyone)).toEqual(new Set(people.map((p) => p.userId)));
  });

  it('keeps arrival order: places go to the first 20 arrivals, the waitlist follows arrival numbers', async () => {
    const r = await roster(activityId);
    expect(r.signed.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(r.waitlist.map((e) => e.waitlistPosition)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    expect(r.waitlist.map((e) => e.seq)).toEqual(Array.from({ length: 180 }, (_, i) => i + 21));
    // What each person was told matches the final queue.
    for (const e of r.signed) expect(byUser.get(e.userId)).toMatchObject({ state: 'signed', waitlistPosition: null });
    for (const e of r.waitlist) expect(byUser.get(e.userId)).toMatchObject({ state: 'waitlisted', waitlistPosition: e.waitlistPosition });
  });

  it('cancellations promote the waitlist in order and tell each promoted person', async () => {
    const before = await roster(activityId);
    const tokenOf = new Map(people.map((p) => [p.userId, p.token]));
    const leaving = before.signed.slice(0, 5).map((e) => e.userId);
    const firstFive = before.waitlist.slice(0, 5).map((e) => e.userId);
    const results = await Promise.all(
      leaving.map((id) =>
        callApi<ActivitiesResults['cancelSignup']>(server.url, tokenOf.get(id)!, 'activities', 'cancelSignup', { activityId }, newRequestId('cancel')),
      ),
    );
    const promoted = results.map((r) => (r.body.ok ? r.body.data.promotedUserId : null));
    expect([...promoted].sort()).toEqual([...firstFive].sort());

    const after = await roster(activityId);
    expect(after.counts).toMatchObject({ signed: 20, waitlisted: 175 });
    expect(after.waitlist.map((e) => e.userId)).toEqual(before.waitlist.slice(5).map((e) => e.userId));
    expect(after.waitlist.map((e) => e.waitlistPosition)).toEqual(Array.from({ length: 175 }, (_, i) => i + 1));
    for (const id of firstFive) {
      const inbox = await callApi<InboxResults['list']>(server.url, tokenOf.get(id)!, 'inbox', 'list');
      expect(inbox.body.ok && inbox.body.data.items.map((m) => m.kind)).toEqual(['signup.promoted']);
    }

    // One more, one at a time: exactly the next in line.
    const next = after.waitlist[0]!.userId;
    const one = await callApi<ActivitiesResults['cancelSignup']>(
      server.url,
      tokenOf.get(after.signed[0]!.userId)!,
      'activities',
      'cancelSignup',
      { activityId },
      newRequestId('cancel'),
    );
    expect(one.body).toMatchObject({ ok: true, data: { promotedUserId: next } });
    const detail = await callApi<ActivitiesResults['detail']>(server.url, tokenOf.get(after.waitlist[1]!.userId)!, 'activities', 'detail', { activityId });
    expect(detail.body).toMatchObject({ ok: true, data: { my: { state: 'waitlisted', waitlistPosition: 1 } } });
    // The people who left can sign up again, at the end of the line.
    const back = await callApi<ActivitiesResults['signup']>(
      server.url,
      tokenOf.get(leaving[0]!)!,
      'activities',
      'signup',
      { activityId },
      newRequestId('again'),
    );
    expect(back.body).toMatchObject({ ok: true, data: { state: 'waitlisted', waitlistPosition: 175 } });
  });
});

describe('refusals over HTTP carry the status and a reason', () => {
  it('check-out before check-in, a forged code, another leader editing, an early code', async () => {
    const volunteer = (await login(server.url, 'demo-v09')).token;
    const activityId = await createActivity({ capacity: 5, title: '河道清洁快闪' });
    expect((await callApi(server.url, volunteer, 'activities', 'signup', { activityId }, newRequestId('s'))).status).toBe(200);

    const early = await callApi(server.url, leader, 'activities', 'checkinCode', { activityId });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE', message: expect.stringContaining('签到码在活动开始前 1 小时至结束后 3 小时内可用') },
    });

    const forged = await callApi(
      server.url,
      volunteer,
      'activities',
      'checkIn',
      { activityId, token: `ck1.${activityId}.${Math.floor(Date.now() / 60_000)}.AAAAAAAAAAAAAAAAAAAAAA` },
      newRequestId('i'),
    );
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({ ok: false, error: { code: 'TOKEN_INVALID', message: '签到码无效，请扫描队长手机上的二维码' } });

    const paws = (await login(server.url, 'demo-v02')).token;
    const edit = await callApi(server.url, paws, 'activities', 'update', { activityId, changes: { capacity: 50 } }, newRequestId('u'));
    expect(edit.status).toBe(403);
    expect(edit.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能修改本队的活动' } });

    const unknown = await callApi(server.url, volunteer, 'activities', 'signup', { activityId: 'a_nope' }, newRequestId('s'));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '找不到这个活动' } });

    const noRequestId = await callApi(server.url, volunteer, 'activities', 'cancelSignup', { activityId });
    expect(noRequestId.status).toBe(400);
  });

  it('the demo street comes with a weekly patrol, a 握爪 event and past activities with records', async () => {
    const v04 = (await login(server.url, 'demo-v04')).token;
    const list = await callApi<ActivitiesResults['list']>(server.url, v04, 'activities', 'list', { teamId: 't_patrol', limit: 20 });
    expect(list.body.ok && list.body.data.items.filter((a) => a.seriesId).length).toBeGreaterThanOrEqual(7);
    const paws = await callApi<ActivitiesResults['list']>(server.url, v04, 'activities', 'list', { teamId: 't_paws' });
    expect(paws.body.ok && paws.body.data.items[0]?.title).toBe('握爪行动·文明养宠宣传');
    const past = await callApi<ActivitiesResults['mine']>(server.url, v04, 'activities', 'mine', { scope: 'past' });
    expect(past.body.ok && past.body.data.items[0]?.my).toMatchObject({ attendance: 'out' });
    const records = await callApi<RecordsResults['mine']>(server.url, v04, 'records', 'mine');
    expect(records.body.ok && records.body.data.items[0]).toMatchObject({ state: 'approved' });
    const queue = await callApi<RecordsResults['team']>(server.url, (await login(server.url, 'demo-v02')).token, 'records', 'team', {
      teamId: 't_paws',
      state: 'pending',
    });
    expect(queue.body.ok && queue.body.data.items).toHaveLength(1);
  });
});
