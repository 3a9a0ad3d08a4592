/** The demo street (seeded, clock set by the test) plus helpers for the seniors and help tests. */
import type { HelpRequestView, SeniorView } from '../../cloudfunctions/core/api';
import { availableOf, balanceOf, personAccountId, type AccountDoc } from '../../cloudfunctions/core/domain/ledger';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { formatReport, verifyLedger } from '../../cloudfunctions/core/services/ledger-verify';
import { openStreet, type Street } from '../support/activities';

export interface SeniorStreet extends Street {
  /** Registers a new person (a family member, a volunteer) and returns their openid and id. */
  person(name: string, committeeId?: string): Promise<{ openid: string; userId: string; phone: string }>;
  /** The social worker registers a senior; defaults: 沈家 in 新圆湾, born 1940, living alone, with a phone. */
  registerSenior(by: string, data?: Record<string, unknown>): Promise<SeniorView>;
  err(
    openid: string,
    fn: Parameters<Street['call']>[1],
    action: string,
    data?: object,
    requestId?: string,
  ): Promise<{ code: string; message: string; details?: unknown }>;
  /** Posted balance and available minutes of an account. */
  money(accountId: string): Promise<{ balance: number; available: number; held: number }>;
  credit(userId: string, minutes: number): Promise<void>;
  verify(): Promise<void>;
  count(table: string): number;
  /** The Shanghai date of the clock plus `days`. */
  day(days?: number): string;
  /** Creates a request as someone acting for a senior; defaults: companionship, tomorrow 09:00–11:00, 120 minutes, credits, not refused as a duplicate. */
  request(by: string, data: Record<string, unknown>): Promise<HelpRequestView>;
  advance(minutes: number): void;
}

let phones = 0;

export async function openSeniorStreet(start = '2026-11-27T00:00:00.000Z'): Promise<SeniorStreet> {
  const s = (await openStreet(start)) as SeniorStreet;
  s.person = async (name, committeeId = 'c_xinyuanwan') => {
    const openid = `p-${process.pid}-${phones}`;
    const phone = `1391${String(process.pid % 1000).padStart(3, '0')}${String(phones++).padStart(4, '0')}`;
    const me = await s.ok<{ profile: { id: string } }>(openid, 'account', 'register', {
      name,
      phone,
      birthYear: 1970,
      committeeId,
      consentVersion: PRIVACY_POLICY_VERSION,
    });
    return { openid, userId: me.profile.id, phone };
  };
  s.registerSenior = (by, data = {}) =>
    s.ok<SeniorView>(by, 'seniors', 'register', {
      name: '沈家婆婆',
      birthYear: 1940,
      committeeId: 'c_xinyuanwan',
      phone: `1392${String(process.pid % 1000).padStart(3, '0')}${String(phones++).padStart(4, '0')}`,
      address: '新圆湾花园 12 号楼 301 室',
      location: { latitude: 31.2361, longitude: 121.4897 },
      livingAlone: true,
      specialDifficulty: false,
      emergencyContacts: [{ name: '沈大宝', relation: '儿子', phone: '13988887777' }],
      consent: { by: 'senior', informed: true, sensitive: true, sharing: true },
      // Many tests register several seniors under the default name: each is someone else.
      notDuplicate: true,
      ...data,
    });
  s.err = async (openid, fn, action, data, requestId) => {
    const r = await s.call(openid, fn, action, data, requestId);
    if (r.ok) throw new Error(`${fn}.${action} as ${openid} unexpectedly succeeded`);
    return r.error;
  };
  s.money = async (accountId) => {
    const a = await s.world.store.get<AccountDoc>('accounts', accountId);
    return a ? { balance: balanceOf(a), available: availableOf(a), held: a.debitsPending } : { balance: 0, available: 0, held: 0 };
  };
  s.credit = async (userId, minutes) => {
    await s.ok('demo-admin', 'timebank', 'adjust', { accountId: personAccountId(userId), minutes, reason: '测试充值' });
  };
  s.verify = async () => {
    const report = await verifyLedger(s.world.store);
    if (!report.ok) throw new Error(formatReport(report));
  };
  s.count = (table) => (s.world.store.rawReader.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  s.day = (days = 0) => new Date(s.clock.now.getTime() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  s.request = (by, data) =>
    s.ok<HelpRequestView>(by, 'help', 'create', {
      category: 'emotional',
      date: s.day(1),
      startTime: '09:00',
      endTime: '11:00',
      minutes: 120,
      funding: 'credits',
      // Tests ask for the same default request many times (the seed has one too): each is meant anew.
      notDuplicate: true,
      ...data,
    });
  s.advance = (minutes) => {
    s.clock.now = new Date(s.clock.now.getTime() + minutes * 60_000);
  };
  return s;
}

/** Every string in a response, flattened, to search for things that must not be there. */
export const text = (value: unknown): string => JSON.stringify(value);

/** Phone-like numbers anywhere in a response except in ids (which are random hex and may hold digit runs). */
export function phoneLike(value: unknown): string[] {
  const found: string[] = [];
  JSON.stringify(value, (key, v) => {
    if (typeof v === 'string' && !/(^id$|Id$)/.test(key)) found.push(...(v.replace(/\s/g, '').match(/\d{7,}/g) ?? []));
    return v;
  });
  return found;
}

/**
 * Starts the 老伙伴 programme (team t_partners) and makes a demo volunteer a partner living in 滨江苑:
 * a member of the team (approved by its leader, 陈志强) with a partner profile.
 */
export async function becomePartner(s: SeniorStreet, openid: string): Promise<string> {
  await s.ok('demo-admin', 'partners', 'setProgramme', { teamId: 't_partners' });
  const userId = await s.userId(openid);
  await s.ok(openid, 'teams', 'join', { teamId: 't_partners' });
  await s.ok('demo-v05', 'teams', 'decide', { teamId: 't_partners', userId, approve: true });
  await s.ok(openid, 'partners', 'join', {
    estate: '滨江苑',
    building: '2 号楼',
    location: { latitude: 31.2375, longitude: 121.491 },
    gender: 'female',
    dialects: [],
    availability: ['weekdayMorning'],
  });
  return userId;
}
