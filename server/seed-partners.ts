/**
 * The demo street's 老伙伴, seeded through the dispatcher like everything else (server/seed.ts
 * calls it after the seniors, their proxies and the team members). The admin names the 老伙伴 team of the
 * programme; the partner volunteers who are not members yet join it and its leader (demo-v05)
 * approves them; five partner
 * volunteers give their coarse home (estate, building, a point rounded to ~100 m), gender,
 * dialects and time. Ten days ago the social worker (demo-social) noted two seniors' wishes, asked
 * for suggestions for 新圆湾 and 滨江 and confirmed all but one; since then the partners logged
 * contacts (the clock is set back for those calls), so the coverage board shows seniors contacted,
 * due and overdue, one senior is unreachable with the first step taken, and the social worker
 * approved the older contacts (credits through the ledger). The scheduler's first run then
 * reminds and escalates what is overdue.
 *
 * Only that approval writes to the ledger, a day ago: it is returned as a dated step, not run, so the
 * seed runs it in date order with the year of history and before today's lines (server/seed.ts).
 */
import { seedCall } from './seed-call';
import type { RuntimeDeps } from '../cloudfunctions/core/runtime/dispatch';
import type { PartnersResults } from '../cloudfunctions/core/api';
import type { SeniorDoc } from '../cloudfunctions/core/domain/seniors';
import { hasHealthConsent } from '../cloudfunctions/core/services/health-consent';
import type { DatedStep } from './seed-activities';

async function userIdOf(deps: RuntimeDeps, openid: string): Promise<string> {
  const identity = await deps.store.get<{ _id: string; userId: string }>('identities', openid);
  if (!identity) throw new Error(`seed: ${openid} is not registered`);
  return identity.userId;
}

const HOUR = 3600_000;

/** Partner volunteers: openid, estate, building, a point near it, gender, dialects, capacity. */
const PARTNERS = [
  { openid: 'demo-v05', estate: '新圆湾花园', building: '6 号楼', at: [31.2366, 121.4893], gender: 'male', dialects: ['上海话'], capacity: 5 },
  { openid: 'demo-v09', estate: '新圆湾花园', building: '11 号楼', at: [31.2341, 121.4915], gender: 'male', dialects: ['上海话', '苏北话'], capacity: 4 },
  { openid: 'demo-v18', estate: '滨江苑', building: '2 号楼', at: [31.2401, 121.4952], gender: 'female', dialects: ['上海话'], capacity: 5 },
  { openid: 'demo-v10', estate: '滨江苑', building: '9 号楼', at: [31.2392, 121.4968], gender: 'female', dialects: ['上海话', '宁波话'], capacity: 3 },
  { openid: 'demo-v06', estate: '春晓小区', building: '4 号楼', at: [31.2405, 121.4915], gender: 'female', dialects: [], capacity: 2 },
] as const;

export async function seedDemoPartners(deps: RuntimeDeps): Promise<DatedStep[]> {
  const real = deps.now ?? (() => new Date());
  const now = real();
  const at = (hoursAgo: number): RuntimeDeps => ({ ...deps, now: () => new Date(now.getTime() - hoursAgo * HOUR) });

  await seedCall(at(24 * 12 + 2), 'partners', 'demo-admin', 'setProgramme', { teamId: 't_partners', perWeek: 2 }, 'seed-partners-programme');

  // The partner volunteers who are not members yet join the 老伙伴 team; its leader approves them,
  // before they fill in their partner profiles twelve days ago.
  for (const p of PARTNERS) {
    if (p.openid === 'demo-v05') continue;
    const userId = await userIdOf(deps, p.openid);
    const membership = await deps.store.get<{ _id: string; state: string }>('memberships', `t_partners:${userId}`);
    if (membership?.state === 'member') continue;
    if (membership?.state !== 'pending') await seedCall(at(24 * 12 + 1), 'teams', p.openid, 'join', { teamId: 't_partners' }, `seed-partners-join-${p.openid}`);
    await seedCall(at(24 * 12 + 0.5), 'teams', 'demo-v05', 'decide', { teamId: 't_partners', userId, approve: true }, `seed-partners-decide-${p.openid}`);
  }
  for (const [k, p] of PARTNERS.entries()) {
    // A minute apart, in order, for the same reason as the seniors (server/seed-seniors.ts).
    await seedCall(
      at(24 * 12 - k / 60),
      'partners',
      p.openid,
      'join',
      {
        capacity: p.capacity,
        estate: p.estate,
        building: p.building,
        location: { latitude: p.at[0], longitude: p.at[1] },
        gender: p.gender,
        dialects: [...p.dialects],
        availability: p.openid === 'demo-v06' ? ['weekend'] : ['weekdayMorning', 'weekdayAfternoon'],
        availabilityNote: p.openid === 'demo-v05' ? '下午三点后方便上门' : undefined,
      },
      `seed-partners-profile-${p.openid}`,
    );
  }

  const s = async (n: number) => userIdOf(deps, `demo-s${String(n).padStart(2, '0')}`);
  // Wishes the social worker noted at the desk: 沈阿婆 would like a woman who speaks Shanghainese.
  await seedCall(
    at(24 * 10 + 1),
    'partners',
    'demo-social',
    'seniorPrefs',
    { seniorId: await s(1), genderPreference: 'female', dialects: ['上海话'] },
    'seed-partners-prefs-s01',
  );
  await seedCall(
    at(24 * 10 + 1),
    'partners',
    'demo-social',
    'seniorPrefs',
    { seniorId: await s(4), genderPreference: null, dialects: ['上海话'] },
    'seed-partners-prefs-s04',
  );

  // Suggestions for 新圆湾 and 滨江; all confirmed but the last, left for the pairing screen.
  // Seeded user ids are random, so the suggestions come back in id order; put them in the seniors'
  // seed order (demo-s01, demo-s02 …) so every start gives the same street: the same pair left for the
  // pairing screen and the same contact history per senior.
  const seedOrder = new Map<string, number>();
  for (let n = 1; ; n++) {
    const identity = await deps.store.get<{ _id: string; userId: string }>('identities', `demo-s${String(n).padStart(2, '0')}`);
    if (!identity) break;
    seedOrder.set(identity.userId, n);
  }
  // A resumed seed (an earlier start was cut off after the pairing) finds its pairs in place: a fresh
  // `suggest` would only see the seniors still unpaired, and confirming that under the same requestId
  // is another request (IDEMPOTENCY_MISMATCH). So it reads the pairs instead of pairing again.
  const existing = await seedCall<PartnersResults['pairs']>(at(24 * 10), 'partners', 'demo-social', 'pairs', { state: 'active', limit: 100 });
  let pairs = existing.items;
  if (!pairs.length) {
    const suggested = await seedCall<PartnersResults['suggest']>(at(24 * 10), 'partners', 'demo-social', 'suggest', {});
    const inSeedOrder = [...suggested.suggestions].sort((a, b) => seedOrder.get(a.seniorId)! - seedOrder.get(b.seniorId)!);
    const toConfirm = inSeedOrder.slice(0, Math.max(1, inSeedOrder.length - 1));
    const confirmed = await seedCall<PartnersResults['confirm']>(
      at(24 * 10),
      'partners',
      'demo-social',
      'confirm',
      { pairs: toConfirm.map((x) => ({ seniorId: x.seniorId, volunteerId: x.volunteerId })) },
      'seed-partners-confirm',
    );
    pairs = confirmed.pairs;
  }
  const chosen = [...pairs].sort((a, b) => seedOrder.get(a.seniorId)! - seedOrder.get(b.seniorId)!);

  // Contacts since then, each logged by the senior's partner at the time it happened.
  const openidOf = new Map<string, string>();
  for (const p of PARTNERS) openidOf.set(await userIdOf(deps, p.openid), p.openid);
  // Per paired senior, in order: contacted recently, due about now, overdue by more than a day, unreachable.
  const plans: Array<
    Array<{
      hoursAgo: number;
      channel: 'phone' | 'visit';
      outcome: 'ok' | 'worried' | 'unreachable';
      needs?: string[];
      followUp?: string;
      note?: string;
      /** Written only for a senior who agreed to have her health recorded. */
      health?: string;
    }>
  > = [
    [
      { hoursAgo: 24 * 9, channel: 'visit', outcome: 'ok', note: '精神不错，聊了家常' },
      {
        hoursAgo: 24 * 6,
        channel: 'phone',
        outcome: 'worried',
        needs: ['medicine'],
        followUp: '周五陪同去社区医院配药',
        note: '心情还好',
        health: '说腿有点疼，降压药快吃完了',
      },
      { hoursAgo: 24 * 3, channel: 'visit', outcome: 'ok', needs: ['shopping'], followUp: '帮忙买了米和油' },
      { hoursAgo: 20, channel: 'phone', outcome: 'ok' },
    ],
    [
      { hoursAgo: 24 * 9, channel: 'phone', outcome: 'ok' },
      { hoursAgo: 24 * 3 + 20, channel: 'visit', outcome: 'ok', needs: ['repair'], followUp: '厨房水龙头漏水，已告诉居委' },
    ],
    [{ hoursAgo: 24 * 6, channel: 'phone', outcome: 'ok', note: '一切都好' }],
    [
      { hoursAgo: 24 * 2, channel: 'visit', outcome: 'ok', needs: ['companionship'] },
      { hoursAgo: 2, channel: 'phone', outcome: 'unreachable', note: '连打三次电话无人接听' },
    ],
  ];
  const logged: string[] = [];
  for (const [i, x] of chosen.entries()) {
    const plan = plans[i] ?? [];
    const volunteer = openidOf.get(x.volunteerId);
    if (!volunteer) continue;
    const healthAgreed = hasHealthConsent(await deps.store.get<SeniorDoc>('seniors', x.seniorId));
    for (const [k, c] of plan.entries()) {
      const contact = await seedCall<PartnersResults['logContact']>(
        at(c.hoursAgo),
        'partners',
        volunteer,
        'logContact',
        {
          seniorId: x.seniorId,
          channel: c.channel,
          outcome: c.outcome,
          needs: c.needs,
          followUp: c.followUp,
          note: c.note,
          ...(healthAgreed && c.health ? { health: c.health } : {}),
        },
        `seed-partners-contact-${i}-${k}`,
      );
      if (contact.recordState === 'pending' && c.hoursAgo > 48) logged.push(contact.id);
      if (c.outcome === 'unreachable' && contact.alertId) {
        await seedCall(
          at(c.hoursAgo - 0.5),
          'alerts',
          volunteer,
          'step',
          { alertId: contact.alertId, step: 'call', note: '又打了两次，仍无人接听' },
          `seed-partners-alert-step-${i}`,
        );
      }
    }
  }
  // The social worker approved the older contacts in one go a day ago; credits go through the ledger.
  if (!logged.length) return [];
  const approval = at(24);
  return [
    {
      at: approval.now!(),
      run: async () => {
        await seedCall(approval, 'partners', 'demo-social', 'approveContacts', { contactIds: logged.slice(0, 20) }, 'seed-partners-approve');
      },
    },
  ];
}
