/**
 * A 老伙伴 volunteer leaving the programme's team (teams.leave): refused while seniors are paired with
 * them (nobody is left without a partner, nothing changes); once re-paired, leaving the team leaves the
 * programme too, so no new pairing reaches someone outside the team. On SQLite, through the dispatcher.
 */
import type { PartnersResults } from '../../cloudfunctions/core/api';
import type { PartnerDoc } from '../../cloudfunctions/core/domain/partners';
import { v } from '../support/activities';
import { becomePartner } from '../support/partners';
import { openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

const PARTNER = v(18);
let s: SeniorStreet;

beforeAll(async () => {
  s = await openSeniorStreet('2026-12-01T02:00:00.000Z');
  await becomePartner(s.ok, PARTNER, await s.userId(PARTNER));
});
afterAll(() => s.close());

it('refuses to leave the team while seniors are paired with the volunteer; re-paired, leaving ends the partner profile too', async () => {
  const partnerId = await s.userId(PARTNER);
  const seniorId = (await s.registerSenior('demo-social', { name: '缪秀凤' })).id;
  const [pair] = (await s.ok<PartnersResults['confirm']>('demo-social', 'partners', 'confirm', { pairs: [{ seniorId, volunteerId: partnerId }] })).pairs;

  const before = [s.count('memberships'), JSON.stringify(await s.world.store.get('partners', partnerId))];
  expect(await s.err(PARTNER, 'teams', 'leave', { teamId: 't_partners' })).toMatchObject({
    code: 'WRONG_STATE',
    message: '您还结对照看着 1 位老人，请先请居委社工为他们安排新的老伙伴，再退出队伍',
  });
  expect([s.count('memberships'), JSON.stringify(await s.world.store.get('partners', partnerId))]).toEqual(before);
  expect((await s.world.store.get<{ _id: string; state: string }>('memberships', `t_partners:${partnerId}`))!.state).toBe('member');

  await s.ok('demo-social', 'partners', 'end', { pairId: pair!.id, reason: '志愿者要搬家了' });
  expect(await s.ok(PARTNER, 'teams', 'leave', { teamId: 't_partners' })).toMatchObject({ state: 'left' });
  expect(await s.world.store.get<PartnerDoc>('partners', partnerId)).toMatchObject({ state: 'left', seniorIds: [] });
  // No longer a partner: the 居委 cannot pair them again until they rejoin.
  expect(await s.err('demo-social', 'partners', 'confirm', { pairs: [{ seniorId, volunteerId: partnerId }] })).toMatchObject({ code: 'NOT_FOUND' });
  // Leaving another team is not touched by any of this.
  await s.ok(PARTNER, 'teams', 'join', { teamId: 't_patrol' });
  expect(await s.ok(PARTNER, 'teams', 'leave', { teamId: 't_patrol' })).toMatchObject({ state: 'left' });
});
