/**
 * A senior's access log (seniors.accessLog) over a real SQLite file: every opening of her sealed
 * fields, by whom, in which capacity and why, newest first, for her, her confirmed proxy, her 居委
 * and admins only; other audit entries stay out, and reading the log writes nothing.
 */
import type { AccountResults, AlertsResults, HelpResults, SeniorsResults } from '../../cloudfunctions/core/api';
import type { UserDoc } from '../../cloudfunctions/core/domain/people';
import { becomePartner, openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

const T0 = '2026-12-01T02:00:00.000Z';
const v = (n: number) => `demo-v${String(n).padStart(2, '0')}`;

let s: SeniorStreet;
let shen: string;

/** What a line says, without its id and time. */
const said = (l: SeniorsResults['accessLog']['items'][number]) => [l.actorName, l.as, l.reason, l.fields.join('+')];

beforeAll(async () => {
  s = await openSeniorStreet(T0);
  shen = await s.userId('demo-s01');
  const partner = await becomePartner(s, v(18));
  await s.ok('demo-social', 'partners', 'confirm', { pairs: [{ seniorId: shen, volunteerId: partner }], replace: false });
});

afterAll(() => s.close());

describe('her access log', () => {
  let expected: string[][];

  beforeAll(async () => {
    const step = () => s.advance(1);
    // Her record, as the 居委 opens it.
    await s.ok('demo-social', 'seniors', 'detail', { seniorId: shen });
    step();
    // Her partner opens the phone on the card, an admin the address.
    await s.ok(v(18), 'partners', 'reveal', { seniorId: shen, field: 'phone' });
    step();
    await s.ok('demo-admin', 'partners', 'reveal', { seniorId: shen, field: 'address' });
    step();
    // Her daughter opens the one-tap page's numbers (her own opening is not logged).
    await s.ok('demo-f01', 'alerts', 'callList', { seniorId: shen });
    await s.ok('demo-s01', 'alerts', 'callList', {});
    step();
    // A help request: the volunteer who accepts it opens the address and phone.
    const req = await s.request('demo-s01', {});
    await s.ok(v(4), 'help', 'accept', { requestId: req.id });
    await s.ok<HelpResults['contact']>(v(4), 'help', 'contact', { requestId: req.id });
    step();
    // One-tap help: the 居委 and her partner open the alert.
    const alert = await s.ok<AlertsResults['raise']>('demo-s01', 'alerts', 'raise', {});
    await s.ok('demo-social', 'alerts', 'get', { alertId: alert.id });
    step();
    await s.ok(v(18), 'alerts', 'get', { alertId: alert.id });
    step();
    // Not openings: a change to her record is her history, not her access log.
    await s.ok('demo-social', 'alerts', 'close', { alertId: alert.id, how: 'false_alarm' });
    expected = [
      ['赵丽', 'partner', 'alert', 'address+phone+emergencyContacts'],
      ['居委社工小郑', 'socialWorker', 'alert', 'address+phone+emergencyContacts'],
      ['刘芳', 'helper', 'help', 'address+phone'],
      ['沈小妹', 'proxy', 'callList', 'emergencyContacts'],
      ['街道管理员', 'admin', 'card', 'address'],
      ['赵丽', 'partner', 'card', 'phone'],
      ['居委社工小郑', 'socialWorker', 'record', 'address+phone+emergencyContacts'],
    ];
  });

  it('lists every opening, newest first, the same for her, her daughter, her 居委 and an admin', async () => {
    const nameOf = async (openid: string) => (await s.world.store.get<UserDoc>('users', await s.userId(openid)))!.name;
    const names = [await nameOf(v(18)), await nameOf(v(4))];
    expected = expected.map((l) => [l[0] === '赵丽' ? names[0]! : l[0] === '刘芳' ? names[1]! : l[0]!, ...l.slice(1)]);
    const own = await s.ok<SeniorsResults['accessLog']>('demo-s01', 'seniors', 'accessLog', {});
    expect(own.seniorName).toBe('沈阿婆');
    expect(own.items.map(said)).toEqual(expected);
    expect(own.items.find((l) => l.reason === 'help')!.refId).toMatch(/.+/);
    for (const who of ['demo-f01', 'demo-social', 'demo-admin']) {
      const log = await s.ok<SeniorsResults['accessLog']>(who, 'seniors', 'accessLog', { seniorId: shen });
      expect(log.items.map(said)).toEqual(expected);
    }
  });

  it('pages by cursor without losing or repeating a line', async () => {
    const first = await s.ok<SeniorsResults['accessLog']>('demo-social', 'seniors', 'accessLog', { seniorId: shen, limit: 3 });
    expect(first.items).toHaveLength(3);
    const ids = first.items.map((l) => l.id);
    let next = first.next;
    while (next) {
      const page = await s.ok<SeniorsResults['accessLog']>('demo-social', 'seniors', 'accessLog', { seniorId: shen, limit: 3, after: next });
      ids.push(...page.items.map((l) => l.id));
      next = page.next;
    }
    expect(ids).toHaveLength(expected.length);
    expect(new Set(ids).size).toBe(expected.length);
  });

  it('is refused to her partner, a volunteer, another senior and a 居委 that is not hers; reading it writes nothing', async () => {
    const before = s.count('audit');
    for (const who of [v(18), v(11), 'demo-s02']) {
      expect(await s.err(who, 'seniors', 'accessLog', { seniorId: shen })).toMatchObject({ code: 'FORBIDDEN' });
    }
    await s.ok('demo-admin', 'admin', 'grantRole', { userId: await s.userId(v(11)), role: 'socialWorker', committeeId: 'c_binjiang' });
    expect(await s.err(v(11), 'seniors', 'accessLog', { seniorId: shen })).toMatchObject({ code: 'FORBIDDEN', message: '只能为本居委的老人办理' });
    await s.ok<SeniorsResults['accessLog']>('demo-s01', 'seniors', 'accessLog', {});
    // The grant is audited (role.grant); the reads of the log are not.
    expect(s.count('audit')).toBe(before + 1);
  });
});

describe('a volunteer’s own access log', () => {
  it('lists the leader’s phone look-ups with the team, only to her, and nothing else', async () => {
    const liu = await s.userId(v(4));
    await s.ok(v(4), 'teams', 'join', { teamId: 't_patrol' });
    await s.call('demo-v01', 'teams', 'decide', { teamId: 't_patrol', userId: liu, approve: true });
    s.advance(1);
    await s.ok('demo-v01', 'teams', 'memberPhone', { teamId: 't_patrol', userId: liu });
    const log = await s.ok<AccountResults['accessLog']>(v(4), 'account', 'accessLog', {});
    expect(log.items.map((l) => [l.actorName, l.what, l.teamName])).toEqual([['王建国', 'phone', '护河巡林志愿服务队']]);
    // Her own log only: the leader reads his, which holds no look-up of her.
    const his = await s.ok<AccountResults['accessLog']>('demo-v01', 'account', 'accessLog', {});
    expect(his.items).toEqual([]);
    // Openings of a senior's fields are hers, not the reader's or anyone else's.
    expect((await s.ok<AccountResults['accessLog']>('demo-s01', 'account', 'accessLog', {})).items).toEqual([]);
  });
});
