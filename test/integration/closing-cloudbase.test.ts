/**
 * Closing on the interleaving stand-in of the wx-server-sdk database, whose transactions conflict
 * only on what both write. A senior's record: every query of the close and its scrub is one
 * CloudBase serves (outside transactions, on an index), and a help request asked for at the same
 * moment either blocks the close or is refused. A volunteer's account: a sign-up at the moment of
 * the close either blocks it or is refused, never left on a closed account. A senior's health consent:
 * a health note logged at the moment it is withdrawn either lands first and is deleted, or is refused.
 */
import type { ActivitiesResults, Envelope, FunctionName, HelpRequestView, PartnersResults, SeniorsResults } from '../../cloudfunctions/core/api';
import type { ContactDoc } from '../../cloudfunctions/core/domain/partners';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import type { HelpRequestDoc } from '../../cloudfunctions/core/domain/help';
import { dispatch, type RuntimeDeps } from '../../cloudfunctions/core/runtime/dispatch';
import type { Store } from '../../cloudfunctions/core/store/port';
import { REGISTRY } from '../../cloudfunctions/registry';
import type { CloudbaseStandin } from '../support/cloudbase-standin';
import { openStandinStreet, type StandinStreet } from '../support/standin-street';
import { deskSeniorInput } from '../support/desk-senior';
import { becomePartner } from '../support/partners';

let street: StandinStreet;
let standin: CloudbaseStandin;
let store: Store;
let deps: RuntimeDeps;
let seq = 0;
const SOCIAL = 'demo-social';

const call = <T>(openid: string, fn: FunctionName, action: string, data: object) =>
  dispatch(fn, REGISTRY[fn] as never, { action, data, requestId: `sc-${(seq++).toString(36).padStart(6, '0')}` }, openid, deps) as Promise<Envelope<T>>;
async function ok<T>(openid: string, fn: FunctionName, action: string, data: object): Promise<T> {
  const r = await call<T>(openid, fn, action, data);
  if (!r.ok) throw new Error(`${fn}.${action}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

beforeAll(async () => {
  street = await openStandinStreet({ seed: 11, files: 'senior-close-cloudbase' });
  ({ standin, store, deps } = street);
});

afterAll(() => street.close());

it('closes a record with a past, asking nothing CloudBase refuses', async () => {
  const seniorId = (await ok<SeniorsResults['register']>(SOCIAL, 'seniors', 'register', deskSeniorInput('岑秀珍'))).id;
  await ok('demo-admin', 'timebank', 'adjust', { accountId: `user:${seniorId}`, minutes: 60, reason: '测试：老人的时间币' });
  const help = await ok<HelpRequestView>(SOCIAL, 'help', 'create', {
    seniorId,
    category: 'daily',
    date: '2026-12-20',
    startTime: '14:00',
    endTime: '15:00',
    minutes: 60,
    funding: 'credits',
    note: '门铃坏了请敲门',
  });
  await ok(SOCIAL, 'help', 'cancel', { requestId: help.id });
  await ok(SOCIAL, 'seniors', 'issueBindCode', { seniorId });
  const refusedBefore = standin.engine.stats.refusedQueries;

  const check = await ok<SeniorsResults['closeCheck']>(SOCIAL, 'seniors', 'closeCheck', { seniorId });
  expect(check).toMatchObject({ canClose: true, erases: { helpRequests: 1 } });
  const closed = await ok<SeniorsResults['close']>(SOCIAL, 'seniors', 'close', { seniorId, reason: 'movedAway', confirm: true, leftover: 'donate' });
  expect(closed).toMatchObject({ donated: { minutes: 60 }, erasure: { done: true, helpRequests: 1 } });
  expect(standin.engine.stats.refusedQueries).toBe(refusedBefore);
  expect(await store.get('seniors', seniorId)).toBeNull();
  expect(await store.get<HelpRequestDoc>('helpRequests', help.id)).toMatchObject({ note: '', state: 'cancelled' });
});

it('a help request asked for at the moment of the close either blocks it or is refused', async () => {
  for (let round = 0; round < 3; round++) {
    const seniorId = (await ok<SeniorsResults['register']>(SOCIAL, 'seniors', 'register', deskSeniorInput(`岑阿婆${'一二三'[round]}`))).id;
    const [closing, asked] = await Promise.all([
      call<SeniorsResults['close']>(SOCIAL, 'seniors', 'close', { seniorId, reason: 'request', confirm: true }),
      call<HelpRequestView>(SOCIAL, 'help', 'create', {
        seniorId,
        category: 'daily',
        date: '2026-12-21',
        startTime: '09:00',
        endTime: '10:00',
        minutes: 60,
        funding: 'pool',
      }),
    ]);
    const live = (await store.find<HelpRequestDoc>('helpRequests', { where: { seniorId }, orderBy: { field: 'createdAt', direction: 'asc' }, limit: 5 })).items;
    if (closing.ok) expect(live.filter((r) => r.state !== 'cancelled')).toEqual([]);
    else {
      expect(closing.error.code).toBe('CLOSE_BLOCKED');
      expect(asked.ok).toBe(true);
    }
  }
});

it('a sign-up at the moment a volunteer closes the account either blocks the close or is refused', async () => {
  const created = await ok<ActivitiesResults['create']>('demo-v01', 'activities', 'create', {
    teamId: 't_patrol',
    title: '周末巡河护林',
    category: 'community',
    place: { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 },
    date: '2026-12-19',
    startTime: '09:00',
    endTime: '11:00',
    capacity: 30,
  });
  const activityId = created.activities[0]!.id;
  for (let round = 0; round < 4; round++) {
    const openid = `cb-closing-${round}`;
    await ok(openid, 'account', 'register', {
      name: '关晓燕',
      phone: `1370009${String(round).padStart(4, '0')}`,
      birthYear: 1970,
      committeeId: 'c_linyin',
      consentVersion: PRIVACY_POLICY_VERSION,
    });
    const userId = (await store.get<{ _id: string; userId: string }>('identities', openid))!.userId;
    const [closing, signing] = await Promise.all([
      call(openid, 'account', 'close', { confirm: true }),
      call<ActivitiesResults['signup']>(openid, 'activities', 'signup', { activityId }),
    ]);
    const signup = await store.get<{ _id: string; state: string }>('signups', `${activityId}:${userId}`);
    if (closing.ok) expect(signup === null || !['signed', 'waitlisted'].includes(signup.state)).toBe(true);
    else {
      expect(closing.error.code).toBe('CLOSE_BLOCKED');
      expect(signing.ok).toBe(true);
    }
  }
});

it('a service record written at the moment its volunteer closes the account either blocks the close or is refused', async () => {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  for (let round = 0; round < 4; round++) {
    const openid = `cb-record-${round}`;
    await ok(openid, 'account', 'register', {
      name: '关小梅',
      phone: `1370019${String(round).padStart(4, '0')}`,
      birthYear: 1968,
      committeeId: 'c_linyin',
      consentVersion: PRIVACY_POLICY_VERSION,
    });
    const userId = (await store.get<{ _id: string; userId: string }>('identities', openid))!.userId;
    await ok(openid, 'teams', 'join', { teamId: 't_patrol' });
    const [closing, recording] = await Promise.all([
      call(openid, 'account', 'close', { confirm: true }),
      call('demo-v01', 'records', 'create', {
        volunteerId: userId,
        teamId: 't_patrol',
        category: 'community',
        date: today,
        place: '滨江步道',
        content: '巡河捡拾垃圾',
        minutes: 60,
      }),
    ]);
    const records = (await store.find<{ _id: string; state: string }>('serviceRecords', { where: { volunteerId: userId }, limit: 10 })).items;
    if (closing.ok) {
      expect(recording.ok).toBe(false);
      expect(records).toEqual([]);
    } else {
      expect(closing.error.code).toBe('CLOSE_BLOCKED');
      expect(recording.ok).toBe(true);
    }
  }
});

it('a health note logged at the moment the consent is withdrawn is deleted with the rest, or refused', async () => {
  const partner = 'demo-v18';
  const partnerId = (await store.get<{ _id: string; userId: string }>('identities', partner))!.userId;
  await becomePartner(ok, partner, partnerId);
  const seniorId = (await ok<SeniorsResults['register']>(SOCIAL, 'seniors', 'register', deskSeniorInput('岑桂芳'))).id;
  await ok(SOCIAL, 'partners', 'confirm', { pairs: [{ seniorId, volunteerId: partnerId }] });
  for (let round = 0; round < 4; round++) {
    await ok(SOCIAL, 'seniors', 'setHealthConsent', { seniorId, granted: true });
    const [withdrawn, logged] = await Promise.all([
      call<SeniorsResults['setHealthConsent']>(SOCIAL, 'seniors', 'setHealthConsent', { seniorId, granted: false }),
      call<PartnersResults['logContact']>(partner, 'partners', 'logContact', { seniorId, channel: 'phone', outcome: 'ok', health: '咳嗽好几天了' }),
    ]);
    expect(withdrawn.ok).toBe(true);
    if (!logged.ok) expect(logged.error.code).toBe('CONSENT_REQUIRED');
    const contacts = (await store.find<ContactDoc>('contacts', { where: { seniorId }, limit: 100 })).items;
    expect(contacts.filter((c) => c.healthEnc)).toEqual([]);
  }
});
