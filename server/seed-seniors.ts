/**
 * The demo street's seniors as the time bank keeps them, seeded through the dispatcher: the social
 * worker (for 新圆湾 and 滨江) or the admin (for the other 居委) registers each demo senior with an
 * address, a coarse location, living alone, emergency contacts and the consent recorded at the desk;
 * three seniors get credits and the pool a donation; two family members become proxies (one asks and
 * the social worker confirms, one is added at the desk); a proxy asks for two hours of companionship
 * tomorrow from her mother's credits, and 顾福根 asks the pool to pay for cleaning (awaiting the
 * social worker). Addresses and phone numbers are fictitious.
 */
import { seedCall } from './seed-call';
import type { RuntimeDeps } from '../cloudfunctions/core/runtime/dispatch';
import { addDays, localDate } from '../cloudfunctions/core/domain/schedule';

const phone = (n: number) => `1380000${String(n).padStart(4, '0')}`;

/** Estates of the four 居委 (public places; a senior's location is kept to about 100 m anyway). */
const ESTATES: Record<string, { name: string; latitude: number; longitude: number }> = {
  c_xinyuanwan: { name: '新圆湾花园', latitude: 31.2361, longitude: 121.4897 },
  c_binjiang: { name: '滨江苑', latitude: 31.2398, longitude: 121.496 },
  c_linyin: { name: '林荫新村', latitude: 31.233, longitude: 121.485 },
  c_chunxiao: { name: '春晓小区', latitude: 31.241, longitude: 121.492 },
};

/** Served by demo-social; the admin registers the seniors of the other 居委. */
const SOCIAL_COMMITTEES = ['c_xinyuanwan', 'c_binjiang'];

const EMERGENCY: Array<{ name: string; relation: string; phone: string }> = [
  { name: '沈小妹', relation: '女儿', phone: phone(300) },
  { name: '钱国强', relation: '儿子', phone: phone(310) },
  { name: '陆建华', relation: '儿子', phone: phone(301) },
  { name: '顾美琴', relation: '侄女', phone: phone(311) },
  { name: '蒋伟民', relation: '儿子', phone: phone(312) },
  { name: '韩丽', relation: '女儿', phone: phone(313) },
  { name: '曹建国', relation: '儿子', phone: phone(314) },
  { name: '冯小英', relation: '女儿', phone: phone(315) },
  { name: '邹志刚', relation: '外甥', phone: phone(316) },
  { name: '彭晓燕', relation: '女儿', phone: phone(317) },
];

/** Family members who sign in to the demo as proxies (added to DEMO_PEOPLE in seed.ts). */
export const DEMO_FAMILY = [
  { openid: 'demo-f01', name: '沈小妹', phone: phone(300), birthYear: 1968, committeeId: 'c_xinyuanwan' },
  { openid: 'demo-f02', name: '陆建华', phone: phone(301), birthYear: 1970, committeeId: 'c_binjiang' },
];

/** The pool's first donation: today's without history, or the first line of the year of history. */
export const POOL_DONATION = { data: { accountId: 'pool', minutes: 1200, reason: '演示数据：街道公益池初始捐赠' }, requestId: 'seed-pool-donation' } as const;

async function userIdOf(deps: RuntimeDeps, openid: string): Promise<string> {
  const identity = await deps.store.get<{ _id: string; userId: string }>('identities', openid);
  if (!identity) throw new Error(`seed: ${openid} is not registered`);
  return identity.userId;
}

export async function seedDemoSeniors(deps: RuntimeDeps, seniors: Array<{ openid: string; committeeId: string }>): Promise<void> {
  const now = (deps.now ?? (() => new Date()))();
  const ids: string[] = [];
  for (const [i, s] of seniors.entries()) {
    const userId = await userIdOf(deps, s.openid);
    ids.push(userId);
    const estate = ESTATES[s.committeeId] ?? ESTATES.c_xinyuanwan!;
    const staff = SOCIAL_COMMITTEES.includes(s.committeeId) ? 'demo-social' : 'demo-admin';
    // Registered a minute apart, in order: lists sorted by registration (and the pairing, whose ties
    // follow that order) come out the same on every start, although user ids are random.
    const registeredAt = new Date(now.getTime() - (seniors.length - i) * 60_000);
    await seedCall(
      { ...deps, now: () => registeredAt },
      'seniors',
      staff,
      'register',
      {
        userId,
        address: `${estate.name} ${3 + i} 号楼 ${1 + (i % 6)}0${1 + (i % 2)} 室`,
        location: { latitude: estate.latitude + i * 0.0004, longitude: estate.longitude - i * 0.0003 },
        livingAlone: i !== 5 && i !== 8,
        specialDifficulty: i === 3 || i === 7,
        emergencyContacts: [EMERGENCY[i % EMERGENCY.length]!],
        // Most agree at the desk to have their health recorded by their 老伙伴; every third does not.
        consent: { by: 'senior', informed: true, sensitive: true, sharing: true, health: i % 3 !== 1 },
      },
      `seed-senior-${s.openid}`,
    );
  }
}

/**
 * The family proxies (no ledger lines): 沈小妹 asks with her mother's phone and the social worker
 * confirms; 陆建华 is added at the desk. Before the 老伙伴 demo, so its unreachable alert finds them.
 */
export async function seedDemoProxies(deps: RuntimeDeps, seniors: Array<{ openid: string }>): Promise<void> {
  const asked = await seedCall<{ id: string }>(deps, 'seniors', 'demo-f01', 'requestProxy', { seniorPhone: phone(200), relation: '女儿' }, 'seed-proxy-f01');
  await seedCall(deps, 'seniors', 'demo-social', 'confirmProxy', { proxyId: asked.id }, 'seed-proxy-f01-confirm');
  await seedCall(
    deps,
    'seniors',
    'demo-social',
    'addProxy',
    { seniorId: await userIdOf(deps, seniors[2]!.openid), phone: phone(301), relation: '儿子' },
    'seed-proxy-f02',
  );
}

/**
 * What happens today for the seniors, in the ledger: their credits and the pool's donation (dated
 * now, so the seed runs them after every dated past step: they come last in every statement), and
 * two requests for tomorrow. Their profiles and proxies come first (seedDemoSeniors, seedDemoProxies).
 */
export async function seedDemoSeniorCredits(deps: RuntimeDeps, seniors: Array<{ openid: string }>): Promise<void> {
  const now = (deps.now ?? (() => new Date()))();
  const ids: string[] = [];
  for (const s of seniors) ids.push(await userIdOf(deps, s.openid));

  // Credits: three seniors have some (earned when younger, or gifted); the pool has a donation.
  const credits: Array<[number, number]> = [
    [0, 600],
    [1, 240],
    [2, 180],
  ];
  for (const [i, minutes] of credits) {
    await seedCall(
      deps,
      'timebank',
      'demo-admin',
      'adjust',
      { accountId: `user:${ids[i]}`, minutes, reason: '演示数据：老人的初始时间币' },
      `seed-senior-credits-${i}`,
    );
  }
  // Already written a year back when the year of history ran first (the same request: a no-op then).
  await seedCall(deps, 'timebank', 'demo-admin', 'adjust', POOL_DONATION.data, POOL_DONATION.requestId);

  // Two requests for tomorrow: companionship from 沈阿婆's credits (open to volunteers), and cleaning
  // for 顾福根, who has no credits, from the pool (waiting for the social worker's approval).
  const tomorrow = addDays(localDate(now), 1);
  await seedCall(
    deps,
    'help',
    'demo-f01',
    'create',
    {
      seniorId: ids[0],
      category: 'emotional',
      date: tomorrow,
      startTime: '09:30',
      endTime: '11:30',
      minutes: 120,
      note: '陪妈妈聊聊天、读读报纸',
      funding: 'credits',
    },
    'seed-help-s01',
  );
  await seedCall(
    deps,
    'help',
    'demo-s04',
    'create',
    { category: 'daily', date: tomorrow, startTime: '14:00', endTime: '15:30', minutes: 60, note: '帮忙打扫卫生', funding: 'pool' },
    'seed-help-s04',
  );
}
