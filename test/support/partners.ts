/** Setting up the 老伙伴 programme on the demo street for a test. */

/** A test's call that must succeed (world.ok, street.ok, a stand-in test's ok): caller, function, action, input. */
type Ok = (openid: string, fn: 'partners' | 'teams', action: string, data: object) => Promise<unknown>;

/**
 * Makes `openid` (whose user id is `userId`) a 老伙伴 volunteer: the programme's team set to
 * t_partners by the admin, joined, approved by its leader demo-v05, and a profile in 滨江苑.
 */
export async function becomePartner(ok: Ok, openid: string, userId: string): Promise<void> {
  await ok('demo-admin', 'partners', 'setProgramme', { teamId: 't_partners' });
  await ok(openid, 'teams', 'join', { teamId: 't_partners' });
  await ok('demo-v05', 'teams', 'decide', { teamId: 't_partners', userId, approve: true });
  await ok(openid, 'partners', 'join', {
    estate: '滨江苑',
    building: '2 号楼',
    location: { latitude: 31.2375, longitude: 121.491 },
    gender: 'female',
    dialects: ['上海话'],
    availability: ['weekdayMorning'],
  });
}
