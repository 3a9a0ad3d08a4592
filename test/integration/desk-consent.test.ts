/**
 * The consent a senior gave at the 居委 desk, read again (docs/privacy.md "Read it again"), over a
 * real SQLite file: 沈阿婆 finds hers in her own profile (account.me), her confirmed proxy 沈小妹 and
 * her 居委 in her home (seniors.home); who agreed (herself, or a guardian by name), when, the policy
 * version, her separate answers on health notes and photos as they stand now, the 居委 and the staff
 * member who recorded it. Nobody else gets it, nobody gets another person's, no view carries her
 * address or a number, and reading it writes nothing.
 */
import type { AccountResults, DeskConsentView, SeniorsResults } from '../../cloudfunctions/core/api';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { openSeniorStreet, phoneLike, text, type SeniorStreet } from './seniors-fixtures';

const T0 = '2026-11-27T00:00:00.000Z';
let s: SeniorStreet;
let shen: string;

beforeAll(async () => {
  s = await openSeniorStreet(T0);
  shen = await s.userId('demo-s01');
});
afterAll(() => s.close());

const me = (openid: string) => s.ok<AccountResults['me']>(openid, 'account', 'me');
const home = (openid: string, seniorId?: string) => s.ok<SeniorsResults['home']>(openid, 'seniors', 'home', seniorId ? { seniorId } : {});

describe('沈阿婆, registered at the desk by the social worker', () => {
  it('finds what she agreed to in her own profile: herself, when, the version, her 居委, who recorded it, health yes, photos never asked', async () => {
    const own = (await me('demo-s01')).profile!.deskConsent;
    expect(own).toEqual<DeskConsentView>({
      seniorId: shen,
      by: 'senior',
      guardianName: null,
      // The seed registers the ten seniors a minute apart, ending at the clock: she is the first.
      at: new Date(Date.parse(T0) - 10 * 60_000).toISOString(),
      version: PRIVACY_POLICY_VERSION,
      committeeName: '新圆湾居委',
      recordedByName: '居委社工小郑',
      health: { granted: true, via: 'socialWorker', at: new Date(Date.parse(T0) - 10 * 60_000).toISOString() },
      photos: null,
    });
    // Her own home says the same.
    expect((await home('demo-s01')).deskConsent).toEqual(own);
  });

  it('is read the same by her confirmed proxy, her 居委 and the admin, through her home', async () => {
    const own = (await me('demo-s01')).profile!.deskConsent;
    for (const reader of ['demo-f01', 'demo-social', 'demo-admin'])
      expect({ reader, consent: (await home(reader, shen)).deskConsent }).toEqual({ reader, consent: own });
  });

  it('is nobody else’s to read: a volunteer and another senior’s proxy are refused, and no one’s own profile carries hers', async () => {
    expect(await s.err('demo-v01', 'seniors', 'home', { seniorId: shen })).toMatchObject({ code: 'FORBIDDEN' });
    // 陆建华 acts for 陆桂珍 (demo-s03), not for 沈阿婆.
    expect(await s.err('demo-f02', 'seniors', 'home', { seniorId: shen })).toMatchObject({ code: 'FORBIDDEN' });
    const other = await home('demo-f02', await s.userId('demo-s03'));
    expect(other.deskConsent.seniorId).toBe(await s.userId('demo-s03'));
    expect(other.deskConsent.seniorId).not.toBe(shen);
    // Not a senior: a proxy, a volunteer, the social worker have no desk consent in their profile.
    for (const openid of ['demo-f01', 'demo-v01', 'demo-social'])
      expect({ openid, desk: (await me(openid)).profile!.deskConsent }).toEqual({ openid, desk: null });
  });

  it('carries no address, phone or emergency contact, and reading it writes nothing', async () => {
    const before = s.snapshot();
    const views = [await me('demo-s01'), await home('demo-f01', shen), await home('demo-social', shen)];
    expect(s.snapshot()).toBe(before);
    const desk = views.map((v) => ('profile' in v ? v.profile!.deskConsent : v.deskConsent));
    expect(phoneLike(desk)).toEqual([]);
    expect(text(desk)).not.toMatch(/新圆湾花园|号楼|室|沈小妹|女儿/);
  });

  it('follows her later answers: photos granted by her proxy, health withdrawn at the desk', async () => {
    await s.ok('demo-f01', 'seniors', 'setPhotoConsent', { seniorId: shen, granted: true });
    s.advance(5);
    await s.ok('demo-social', 'seniors', 'setHealthConsent', { seniorId: shen, granted: false });
    const desk = (await me('demo-s01')).profile!.deskConsent!;
    expect(desk.photos).toMatchObject({ granted: true, via: 'proxy' });
    expect(desk.health).toMatchObject({ granted: false, via: 'socialWorker', at: s.clock.now.toISOString() });
    // What was agreed at the desk itself stays as it was.
    expect(desk).toMatchObject({ by: 'senior', version: PRIVACY_POLICY_VERSION, recordedByName: '居委社工小郑' });
  });
});

describe('a senior whose guardian agreed for her, without health notes', () => {
  it('names the guardian, says health was never agreed, and reaches her own WeChat once bound', async () => {
    const registered = await s.registerSenior('demo-social', {
      name: '包阿婆',
      consent: { by: 'guardian', guardianName: '包建国', informed: true, sensitive: true, sharing: true },
    });
    const seen = (await home('demo-social', registered.id)).deskConsent;
    expect(seen).toMatchObject({ seniorId: registered.id, by: 'guardian', guardianName: '包建国', at: s.clock.now.toISOString(), health: null, photos: null });

    // She binds her own WeChat with the code the social worker gives her: her profile has it too.
    await s.ok('demo-social', 'seniors', 'issueBindCode', { seniorId: registered.id });
    const binding = await s.ok<SeniorsResults['wechatBinding']>('demo-social', 'seniors', 'wechatBinding', { seniorId: registered.id });
    const bound = await s.ok<AccountResults['bindSenior']>('wx-bao', 'account', 'bindSenior', { code: binding.code!.digits });
    expect(bound.profile!.deskConsent).toEqual(seen);
    expect((await me('wx-bao')).profile!.deskConsent).toEqual(seen);
  });
});
