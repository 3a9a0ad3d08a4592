/**
 * Who may serve one to one (domain/eligibility.ts). Minors (14–17) may not accept
 * home visits (help.accept) nor join 老伙伴 (partners.join); 老伙伴 volunteers must be within the
 * policy's age range (50–75 by default, configurable). Real dispatcher, real SQLite file; the clock
 * stands in 2026.
 */
import type { HelpResults, PartnersResults } from '../../cloudfunctions/core/api';
import { openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

let s: SeniorStreet;
beforeAll(async () => {
  s = await openSeniorStreet('2026-11-27T00:00:00.000Z');
  await s.ok('demo-admin', 'partners', 'setProgramme', { teamId: 't_partners' });
});
afterAll(() => s.close());

/** A registered volunteer born in `birthYear` (set in the store: registration asks a minor for a guardian). */
async function aged(name: string, birthYear: number) {
  const p = await s.person(name);
  await s.world.store.transaction((tx) => tx.update('users', p.userId, { birthYear }));
  return p;
}

/** A member of the 老伙伴 team (approved by its leader), so only age decides. */
async function partnerTeamMember(name: string, birthYear: number) {
  const p = await aged(name, birthYear);
  await s.ok(p.openid, 'teams', 'join', { teamId: 't_partners' });
  await s.ok('demo-v05', 'teams', 'decide', { teamId: 't_partners', userId: p.userId, approve: true });
  return p;
}

const JOIN = { estate: '新圆湾花园', building: '3 号楼', gender: 'female', dialects: ['上海话'], availability: ['weekend'] };

describe('one-to-one home visits (help.accept)', () => {
  it('a 16-year-old may not accept, is not offered the button and is told why; an adult may', async () => {
    const minor = await aged('少年甲', 2010);
    const adult = await aged('成人乙', 1990);
    const r = await s.request('demo-s01', {});
    const open = await s.ok<HelpResults['open']>(minor.openid, 'help', 'open', {});
    expect(open.acceptRefusal).toMatch(/未满 18 周岁.*不能接一对一上门服务/);
    expect(open.items.find((x) => x.id === r.id)?.can.accept).toBe(false);
    const refused = await s.err(minor.openid, 'help', 'accept', { requestId: r.id });
    expect(refused).toMatchObject({ code: 'NOT_ELIGIBLE' });
    expect(refused.message).toMatch(/未满 18 周岁的志愿者不能接一对一上门服务/);
    expect((await s.ok<HelpResults['detail']>('demo-s01', 'help', 'detail', { requestId: r.id })).state).toBe('open');

    const adultOpen = await s.ok<HelpResults['open']>(adult.openid, 'help', 'open', {});
    expect(adultOpen.acceptRefusal).toBeNull();
    expect(adultOpen.items.find((x) => x.id === r.id)?.can.accept).toBe(true);
    expect(await s.ok(adult.openid, 'help', 'accept', { requestId: r.id })).toMatchObject({ state: 'assigned' });
  });
});

describe('老伙伴 (partners.join): adults within the policy’s age range', () => {
  it('refuses a 16-year-old and a 30-year-old, with the reason; the programme says so before they try', async () => {
    const minor = await partnerTeamMember('少年丙', 2010);
    const young = await partnerTeamMember('青年丁', 1996);
    for (const [p, words] of [
      [minor, /未满 18 周岁的志愿者不能加入老伙伴/],
      [young, /老伙伴由 50 到 75 岁的志愿者担任，您今年 30 岁/],
    ] as const) {
      expect((await s.ok<PartnersResults['programme']>(p.openid, 'partners', 'programme')).joinRefusal).toMatch(words);
      const e = await s.err(p.openid, 'partners', 'join', JOIN);
      expect(e).toMatchObject({ code: 'NOT_ELIGIBLE' });
      expect(e.message).toMatch(words);
      expect(await s.ok(p.openid, 'partners', 'profile')).toBeNull();
    }
  });

  it('lets a 60-year-old join; a 76-year-old is refused until the admin widens the range', async () => {
    const sixty = await partnerTeamMember('花甲戊', 1966);
    expect((await s.ok<PartnersResults['programme']>(sixty.openid, 'partners', 'programme')).joinRefusal).toBeNull();
    expect(await s.ok(sixty.openid, 'partners', 'join', JOIN)).toMatchObject({ state: 'active' });

    const older = await partnerTeamMember('古稀己', 1950);
    expect(await s.err(older.openid, 'partners', 'join', JOIN)).toMatchObject({ code: 'NOT_ELIGIBLE' });
    await s.ok('demo-admin', 'timebank', 'setPolicy', { partnerMaxAge: 80 });
    try {
      expect(await s.ok(older.openid, 'partners', 'join', JOIN)).toMatchObject({ state: 'active' });
    } finally {
      await s.ok('demo-admin', 'timebank', 'setPolicy', { partnerMaxAge: 75 });
    }
  });

  it('the range is validated: no minors, the lower end not above the upper', async () => {
    expect(await s.err('demo-admin', 'timebank', 'setPolicy', { partnerMinAge: 16 })).toMatchObject({ code: 'VALIDATION' });
    expect(await s.err('demo-admin', 'timebank', 'setPolicy', { partnerMinAge: 80 })).toMatchObject({
      code: 'VALIDATION',
      message: '老伙伴的最高年龄不能低于最低年龄',
    });
  });
});
