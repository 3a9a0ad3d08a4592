/**
 * Seniors through the real dispatcher over a real SQLite file: registration by the 居委 social worker
 * (sealed fields, consent, audit, history), staff lists and the logged detail, family proxies confirmed
 * by the senior or the social worker, desk mode, and every act for a senior recorded with its real actor.
 */
import type { InboxResults, ProxyView, SeniorDetail, SeniorHome, SeniorView, SeniorsResults } from '../../cloudfunctions/core/api';
import type { SeniorDoc } from '../../cloudfunctions/core/domain/seniors';
import type { UserDoc } from '../../cloudfunctions/core/domain/people';
import { openSeniorStreet, phoneLike, text, type SeniorStreet } from './seniors-fixtures';

let s: SeniorStreet;

beforeAll(async () => {
  s = await openSeniorStreet();
});
afterAll(() => s.close());

const auditOf = (kind: string, subjectId: string) =>
  s.world.store.rawReader
    .prepare("SELECT doc FROM audit WHERE json_extract(doc, '$.kind') = ? AND json_extract(doc, '$.subjectId') = ?")
    .all(kind, subjectId)
    .map((r) => JSON.parse((r as { doc: string }).doc) as { actorId: string; at: string; detail: unknown });

describe('a social worker registers a senior of their 居委', () => {
  it('seals the address, phone and emergency contacts, records consent, audits and writes the history', async () => {
    const view = await s.registerSenior('demo-social', { name: '乔阿婆', phone: '13977776666', address: '新圆湾花园 8 号楼 502 室' });
    expect(view).toMatchObject({
      name: '乔阿婆',
      age: 86,
      committeeName: '新圆湾居委',
      livingAlone: true,
      phoneMasked: '139****6666',
      eligible: true,
      addressHint: '新圆湾花…',
      emergencyCount: 1,
    });
    expect(view.consent).toMatchObject({ by: 'senior', guardianName: null });
    expect(text(view)).not.toContain('8 号楼');

    // Nothing readable at rest: not the address, the phone or the emergency contact.
    const raw = s.snapshot();
    expect(raw).not.toContain('8 号楼 502');
    expect(raw).not.toContain('13977776666');
    expect(raw).not.toContain('13988887777');
    expect(raw).not.toContain('沈大宝');
    const senior = (await s.world.store.get<SeniorDoc>('seniors', view.id))!;
    expect(s.world.deps.secrets.decrypt(senior.addressEnc)).toBe('新圆湾花园 8 号楼 502 室');
    expect(senior.consent).toMatchObject({ by: 'senior', sensitive: true, sharing: true, recordedBy: await s.userId('demo-social') });
    expect(senior.location).toEqual({ latitude: 31.236, longitude: 121.49 });
    const user = (await s.world.store.get<UserDoc>('users', view.id))!;
    expect(user.roles).toEqual(['senior']);
    expect(s.world.deps.secrets.decrypt(user.phoneEnc)).toBe('13977776666');

    expect(auditOf('senior.register', view.id)).toHaveLength(1);
    const history = await s.ok<SeniorsResults['history']>('demo-social', 'seniors', 'history', { seniorId: view.id });
    expect(history.items[0]).toMatchObject({
      actorName: '居委社工小郑',
      via: 'socialWorker',
      viaText: '社工代办',
      text: '居委社工小郑（社工代办）登记了老人档案（老人本人同意）',
    });
  });

  it('a senior without a phone, with a guardian agreeing, and an already registered resident', async () => {
    const noPhone = await s.registerSenior('demo-social', {
      name: '王老伯',
      phone: undefined,
      consent: { by: 'guardian', guardianName: '王小明', informed: true, sensitive: true, sharing: true },
    });
    expect(noPhone).toMatchObject({ phoneMasked: '', consent: { by: 'guardian', guardianName: '王小明' } });
    const resident = await s.person('林阿姨', 'c_binjiang');
    await s.world.store.transaction((tx) => tx.update('users', resident.userId, { birthYear: 1950 }));
    const converted = await s.registerSenior('demo-social', {
      userId: resident.userId,
      name: undefined,
      birthYear: undefined,
      committeeId: undefined,
      phone: undefined,
    });
    expect(converted).toMatchObject({ id: resident.userId, name: '林阿姨', committeeName: '滨江居委' });
    expect((await s.world.store.get<UserDoc>('users', resident.userId))!.roles).toEqual(['volunteer', 'senior']);
    expect(
      await s.err('demo-social', 'seniors', 'register', {
        userId: resident.userId,
        address: '滨江苑 1 号楼 101 室',
        livingAlone: true,
        specialDifficulty: false,
        emergencyContacts: [{ name: '林小华', relation: '女儿', phone: '13900001111' }],
        consent: { by: 'senior', informed: true, sensitive: true, sharing: true },
      }),
    ).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a second senior of the same name and birth year in the 居委, naming the first, unless told it is someone else', async () => {
    const first = await s.ok<SeniorView>('demo-social', 'seniors', 'register', { ...base(), name: '王阿姨', address: '新圆湾花园 5 号楼 202 室' });
    const before = s.snapshot();
    const twice = await s.err('demo-social', 'seniors', 'register', { ...base(), name: '王阿姨', address: '新圆湾花园 5 号楼 202 室' });
    expect(twice).toMatchObject({ code: 'DUPLICATE_SENIOR', details: [{ path: 'name' }] });
    // Who is there, by the start of her address only: the door stays out of the message.
    expect(twice.message).toContain('本居委已经登记过一位王阿姨（1945 年生，住新圆湾花…）');
    expect(twice.message).not.toContain('5 号楼');
    expect(s.snapshot()).toBe(before);
    // Another birth year, another 居委 (by its own social worker) or the social worker's word: someone else.
    expect(await s.ok<SeniorView>('demo-social', 'seniors', 'register', { ...base(), name: '王阿姨', birthYear: 1948 })).toMatchObject({ name: '王阿姨' });
    const second = await s.ok<SeniorView>('demo-social', 'seniors', 'register', { ...base(), name: '王阿姨', notDuplicate: true });
    expect(second.id).not.toBe(first.id);
  });

  it('refuses another 居委, missing consent, a too young person; nothing is written', async () => {
    const before = s.snapshot();
    expect(await s.err('demo-social', 'seniors', 'register', { ...base(), committeeId: 'c_linyin' })).toMatchObject({
      code: 'FORBIDDEN',
      message: '只能登记本居委的老人',
    });
    expect(await s.err('demo-social', 'seniors', 'register', { ...base(), consent: { by: 'senior', informed: true, sharing: true } })).toMatchObject({
      code: 'VALIDATION',
    });
    expect(await s.err('demo-social', 'seniors', 'register', { ...base(), birthYear: 1990 })).toMatchObject({
      code: 'VALIDATION',
      message: '老人档案只为 50 岁以上的居民登记',
    });
    expect(await s.err('demo-social', 'seniors', 'register', { ...base(), emergencyContacts: [] })).toMatchObject({
      code: 'VALIDATION',
      message: '请至少填写一位紧急联系人',
    });
    expect(await s.err('demo-v04', 'seniors', 'register', base())).toMatchObject({ code: 'FORBIDDEN' });
    expect(s.snapshot()).toBe(before);
  });
});

describe('where a registered senior lives: an estate of the street, a map pick or no point', () => {
  it('an estate: the coarse estate point and the estateId are stored; the audit says where the point came from', async () => {
    const view = await s.registerSenior('demo-social', { name: '葛阿婆', address: '新圆湾二村 9 号 201 室', location: undefined, estateId: 'e_xyw_village2' });
    const doc = (await s.world.store.get<SeniorDoc>('seniors', view.id))!;
    // 新圆湾二村 is at (31.2342, 121.4876): kept to about 100 m.
    expect(doc).toMatchObject({ location: { latitude: 31.234, longitude: 121.488 }, estateId: 'e_xyw_village2' });
    expect(text(view)).not.toMatch(/latitude|longitude|31\.23/);
    expect(auditOf('senior.register', view.id)[0]).toMatchObject({ detail: { point: 'estate', estateId: 'e_xyw_village2' } });
    expect(JSON.stringify(auditOf('senior.register', view.id))).not.toMatch(/latitude|31\.23|9 号/);
    // The record says where the point comes from (the relocate page starts from it).
    expect(await s.ok<SeniorDetail>('demo-social', 'seniors', 'detail', { seniorId: view.id })).toMatchObject({
      hasLocation: true,
      estateId: 'e_xyw_village2',
    });
  });

  it('a map pick (rounded, no estate) and no point at all', async () => {
    const map = await s.registerSenior('demo-social', { name: '柯老伯', location: { latitude: 31.23456, longitude: 121.48765 } });
    expect(await s.world.store.get<SeniorDoc>('seniors', map.id)).toMatchObject({ location: { latitude: 31.235, longitude: 121.488 }, estateId: null });
    expect(auditOf('senior.register', map.id)[0]).toMatchObject({ detail: { point: 'map', estateId: null } });
    const none = await s.registerSenior('demo-social', { name: '瞿阿婆', location: undefined });
    expect(await s.world.store.get<SeniorDoc>('seniors', none.id)).toMatchObject({ location: null, estateId: null });
    expect(auditOf('senior.register', none.id)[0]).toMatchObject({ detail: { point: null } });
  });

  it('refuses an unknown estate, or an estate and a map point together, with a clear message; nothing is written', async () => {
    const before = s.snapshot();
    expect(await s.err('demo-social', 'seniors', 'register', { ...base(), estateId: 'e_nowhere' })).toMatchObject({
      code: 'VALIDATION',
      message: '请从列表里选择老人住的小区',
      details: [{ path: 'estateId' }],
    });
    expect(
      await s.err('demo-social', 'seniors', 'register', { ...base(), estateId: 'e_xyw_garden', location: { latitude: 31.2, longitude: 121.4 } }),
    ).toMatchObject({
      code: 'VALIDATION',
      message: '位置请从小区列表或地图中选一种',
    });
    expect(s.snapshot()).toBe(before);
    // Registering by estate is idempotent on the requestId like any registration.
    const ok = await s.ok<SeniorsResults['register']>(
      'demo-social',
      'seniors',
      'register',
      { ...base(), name: '詹阿婆', estateId: 'e_xyw_garden' },
      'register-zhan-0001',
    );
    const after = s.snapshot();
    expect(await s.ok('demo-social', 'seniors', 'register', { ...base(), name: '詹阿婆', estateId: 'e_xyw_garden' }, 'register-zhan-0001')).toEqual(ok);
    expect(s.snapshot()).toBe(after);
  });
});

function base() {
  return {
    name: '测试老人',
    birthYear: 1945,
    committeeId: 'c_xinyuanwan',
    address: '新圆湾花园 1 号楼 101 室',
    livingAlone: true,
    specialDifficulty: false,
    emergencyContacts: [{ name: '测试家属', relation: '女儿', phone: '13900002222' }],
    consent: { by: 'senior', informed: true, sensitive: true, sharing: true },
  };
}

describe('staff read the records of their 居委', () => {
  it('lists with masked phones and no address; the detail opens them and is audited each time', async () => {
    const list = await s.ok<SeniorsResults['list']>('demo-social', 'seniors', 'list', { committeeId: 'c_xinyuanwan', limit: 50 });
    expect(list.items.length).toBeGreaterThanOrEqual(4);
    expect(phoneLike(list)).toEqual([]);
    expect(text(list)).not.toContain('号楼');
    const shen = list.items.find((i) => i.name === '沈阿婆')!;
    expect(shen).toMatchObject({ available: { minutes: 480 }, proxyCount: 1 });

    const detail = await s.ok<SeniorDetail>('demo-social', 'seniors', 'detail', { seniorId: shen.id });
    expect(detail.address).toMatch(/^新圆湾花园 3 号楼/);
    expect(detail.phone).toBe('13800000200');
    expect(detail.emergencyContacts).toEqual([{ name: '沈小妹', relation: '女儿', phone: '13800000300' }]);
    expect(detail.proxies).toHaveLength(1);
    expect(auditOf('senior.open', shen.id).length).toBeGreaterThanOrEqual(1);

    // A social worker of other 居委 sees neither; an admin sees everyone.
    expect(await s.err('demo-social', 'seniors', 'list', { committeeId: 'c_linyin' })).toMatchObject({ code: 'FORBIDDEN' });
    const linyin = (await s.ok<SeniorsResults['list']>('demo-admin', 'seniors', 'list', { committeeId: 'c_linyin' })).items;
    expect(linyin.map((i) => i.name).sort()).toEqual(['蒋凤英', '韩志明']);
    expect(await s.err('demo-social', 'seniors', 'detail', { seniorId: linyin[0]!.id })).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('family proxies', () => {
  it('a family member asks, the senior confirms; the proxy then acts and the history says who did what', async () => {
    const daughter = await s.person('钱小红');
    const mother = await s.userId('demo-s02');
    const asked = await s.ok<SeniorsResults['requestProxy']>(daughter.openid, 'seniors', 'requestProxy', { seniorPhone: '13800000201', relation: '女儿' });
    // Nothing about the senior until confirmed: the number typed (masked) and "waiting".
    expect(asked).toEqual({
      id: expect.stringMatching(/^inv_/),
      phoneMasked: '138****0201',
      relation: '女儿',
      state: 'pending',
      createdAt: expect.any(String),
    });
    expect((await s.ok<SeniorsResults['mine']>(daughter.openid, 'seniors', 'mine')).asked).toEqual([asked]);

    // Not yet confirmed: not a proxy, may not act.
    expect(
      await s.err(daughter.openid, 'help', 'create', {
        seniorId: mother,
        category: 'emotional',
        date: s.day(1),
        startTime: '09:00',
        endTime: '10:00',
        minutes: 60,
        funding: 'credits',
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    // Nor may the family member confirm themselves.
    expect(await s.err(daughter.openid, 'seniors', 'confirmProxy', { proxyId: asked.id })).toMatchObject({ code: 'FORBIDDEN' });

    const mine = await s.ok<SeniorsResults['mine']>('demo-s02', 'seniors', 'mine');
    expect(mine.pending.map((p) => p.name)).toContain('钱小红');
    const asking = async (openid: string) =>
      (await s.ok<InboxResults['list']>(openid, 'inbox', 'list', { limit: 100 })).items
        .filter((m) => m.title === '家属代理申请' && m.body.includes('钱小红'))
        .map((m) => m.read);
    expect(await asking('demo-s02')).toEqual([false]);
    const confirmed = await s.ok<ProxyView>('demo-s02', 'seniors', 'confirmProxy', { proxyId: asked.id });
    expect(confirmed).toMatchObject({ state: 'confirmed', confirmedByName: '钱老伯', confirmedVia: 'self' });
    // Decided: the 请确认 is done for her and for the social workers asked beside her.
    expect(await asking('demo-s02')).toEqual([true]);
    const staffAsked = await asking('demo-social');
    expect(staffAsked.every((read) => read)).toBe(true);

    const home = await s.ok<SeniorHome>(daughter.openid, 'seniors', 'home');
    expect(home.acting).toMatchObject({ via: 'proxy', banner: '您正在代 钱老伯 操作（家属代理：钱小红）' });
    expect(home.balance.available.minutes).toBe(240);
    const req = await s.request(daughter.openid, { seniorId: mother, minutes: 60, startTime: '09:00', endTime: '10:00' });
    expect(req).toMatchObject({ createdByName: '钱小红', createdViaText: '家属代理' });

    const history = await s.ok<SeniorsResults['history']>('demo-s02', 'seniors', 'history');
    expect(history.items.slice(0, 3).map((h) => h.text)).toEqual([
      '钱小红（家属代理）发起求助：精神慰藉 1小时（用老人的时间币）',
      '钱老伯（本人）确认钱小红（女儿）为家属代理人',
      '钱小红申请成为家属代理人（女儿），等待确认',
    ]);
    await s.ok(daughter.openid, 'help', 'cancel', { requestId: req.id });
  });

  it('a proxy acting for someone else’s senior is refused with a clear error and nothing is written', async () => {
    const other = await s.userId('demo-s02');
    const before = s.snapshot();
    const refused = await s.err('demo-f01', 'help', 'create', {
      seniorId: other,
      category: 'emotional',
      date: s.day(1),
      startTime: '09:00',
      endTime: '10:00',
      minutes: 60,
      funding: 'credits',
    });
    expect(refused).toEqual({ code: 'FORBIDDEN', message: '您不是这位老人的家属代理人，不能代为操作' });
    expect(await s.err('demo-f01', 'seniors', 'home', { seniorId: other })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.err('demo-f01', 'alerts', 'raise', { seniorId: other })).toMatchObject({ code: 'FORBIDDEN' });
    expect(s.snapshot()).toBe(before);
  });

  it('the social worker adds a proxy at the desk; removal takes the rights away at once', async () => {
    const son = await s.person('韩大伟', 'c_linyin');
    const senior = await s.userId('demo-s06');
    // demo-social does not serve 林荫; the admin does it.
    expect(await s.err('demo-social', 'seniors', 'addProxy', { seniorId: senior, phone: son.phone, relation: '儿子' })).toMatchObject({ code: 'FORBIDDEN' });
    const added = await s.ok<ProxyView>('demo-admin', 'seniors', 'addProxy', { seniorId: senior, phone: son.phone, relation: '儿子' });
    expect(added).toMatchObject({ state: 'confirmed', confirmedVia: 'admin' });
    expect((await s.ok<SeniorHome>(son.openid, 'seniors', 'home')).acting.via).toBe('proxy');
    const inbox = await s.ok<{ items: Array<{ title: string }> }>(son.openid, 'inbox', 'list');
    expect(inbox.items[0]!.title).toBe('您已成为家属代理人');

    await s.ok(son.openid, 'seniors', 'removeProxy', { proxyId: added.id, reason: '由妹妹代理' });
    expect((await s.world.store.get<UserDoc>('users', son.userId))!.roles).toEqual(['volunteer']);
    expect(await s.err(son.openid, 'seniors', 'home', { seniorId: senior })).toMatchObject({ code: 'FORBIDDEN' });
    const history = await s.ok<SeniorsResults['history']>('demo-admin', 'seniors', 'history', { seniorId: senior });
    expect(history.items[0]!.text).toBe('韩大伟不再担任家属代理人：由妹妹代理');
  });

  it('asking with a number no senior has gets the same answer as a senior’s number (see phone-lookup.test.ts)', async () => {
    const someone = await s.person('路人甲');
    expect(await s.ok(someone.openid, 'seniors', 'requestProxy', { seniorPhone: '13800000100', relation: '女儿' })).toMatchObject({
      phoneMasked: '138****0100',
      state: 'pending',
    });
  });
});

describe('desk mode', () => {
  it('a social worker acts for any senior of their 居委, and the senior’s history names them', async () => {
    const senior = await s.userId('demo-s09');
    const home = await s.ok<SeniorHome>('demo-social', 'seniors', 'home', { seniorId: senior });
    expect(home.acting).toMatchObject({ via: 'socialWorker', banner: '您正在代 邹玉梅 操作（社工代办：居委社工小郑）' });
    await s.credit(senior, 60);
    const req = await s.request('demo-social', { seniorId: senior, minutes: 60, startTime: '10:00', endTime: '11:00' });
    expect(req.createdViaText).toBe('社工代办');
    const history = await s.ok<SeniorsResults['history']>('demo-s09', 'seniors', 'history');
    expect(history.items[0]).toMatchObject({ actorName: '居委社工小郑', via: 'socialWorker' });
    await s.ok('demo-social', 'help', 'cancel', { requestId: req.id });
    // Not for another 居委's senior.
    expect(await s.err('demo-social', 'seniors', 'home', { seniorId: await s.userId('demo-s05') })).toEqual({
      code: 'FORBIDDEN',
      message: '只能为本居委的老人办理',
    });
  });

  it('mine tells each person whom they act for', async () => {
    expect((await s.ok<SeniorsResults['mine']>('demo-social', 'seniors', 'mine')).desk.map((d) => d.committeeName)).toEqual(['新圆湾居委', '滨江居委']);
    const f01 = await s.ok<SeniorsResults['mine']>('demo-f01', 'seniors', 'mine');
    expect(f01.proxyFor.map((p) => [p.name, p.relation])).toEqual([['沈阿婆', '女儿']]);
    expect((await s.ok<SeniorsResults['mine']>('demo-s01', 'seniors', 'mine')).self).toMatchObject({ name: '沈阿婆', eligible: true });
    expect(await s.ok('demo-v04', 'seniors', 'mine')).toEqual({ self: null, proxyFor: [], pending: [], asked: [], desk: [] });
  });

  it('the social worker updates a record; the change is sealed, audited and in the history', async () => {
    const senior = await s.userId('demo-s09');
    await s.ok('demo-social', 'seniors', 'update', { seniorId: senior, address: '新圆湾花园 20 号楼 1201 室', phone: '021-58881234' });
    const detail = await s.ok<SeniorDetail>('demo-social', 'seniors', 'detail', { seniorId: senior });
    expect(detail).toMatchObject({ address: '新圆湾花园 20 号楼 1201 室', phone: '021-58881234', phoneMasked: '021****1234' });
    expect(s.snapshot()).not.toContain('1201 室');
    const history = await s.ok<SeniorsResults['history']>('demo-social', 'seniors', 'history', { seniorId: senior });
    expect(history.items[0]!.text).toBe('居委社工小郑（社工代办）修改了档案：电话、地址');
  });
});

describe('staff correct a senior’s address and location (seniors.relocate)', () => {
  let senior = '';
  beforeAll(async () => {
    senior = (await s.registerSenior('demo-social', { name: '严阿婆', address: '新圆湾花园 5 号楼 402 室' })).id;
  });
  const stored = async () => (await s.world.store.get<SeniorDoc>('seniors', senior))!;

  it('a new address (sealed) and the point of an estate; audited, in the history, idempotent on the requestId', async () => {
    expect((await stored()).location).toEqual({ latitude: 31.236, longitude: 121.49 });
    const data = { seniorId: senior, address: '新圆湾二村 17 号 603 室', estateId: 'e_xyw_village2', reason: '老人搬到二村了' };
    const r = await s.ok<SeniorsResults['relocate']>('demo-social', 'seniors', 'relocate', data, 'relocate-yan-0001');
    expect(r).toEqual({
      seniorId: senior,
      name: '严阿婆',
      addressHint: '新圆湾二…',
      hasLocation: true,
      estateId: 'e_xyw_village2',
      changed: ['地址', '位置'],
      partner: null,
    });

    // The address is sealed at rest; the point is the estate's (31.2342, 121.4876) kept to about 100 m.
    const doc = await stored();
    expect(s.world.deps.secrets.decrypt(doc.addressEnc)).toBe('新圆湾二村 17 号 603 室');
    expect(doc).toMatchObject({ location: { latitude: 31.234, longitude: 121.488 }, estateId: 'e_xyw_village2', addressHint: '新圆湾二…' });
    expect(s.snapshot()).not.toContain('17 号 603');

    // Audited: which fields, where the point came from, how far it moved; never the address or the point.
    const rows = auditOf('senior.relocate', senior);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: await s.userId('demo-social'),
      detail: { fields: ['地址', '位置'], point: 'estate', estateId: 'e_xyw_village2', hadPoint: true, reason: '老人搬到二村了' },
    });
    expect((rows[0]!.detail as { movedM: number }).movedM).toBeGreaterThan(200);
    // The room number and the coordinates stay out of the audit's detail (the random user ids around it may hold any digits).
    expect(JSON.stringify(rows[0]!.detail)).not.toMatch(/603|latitude|31\.23/);
    const history = await s.ok<SeniorsResults['history']>('demo-social', 'seniors', 'history', { seniorId: senior });
    expect(history.items[0]).toMatchObject({ kind: 'senior.relocate', text: '居委社工小郑（社工代办）更正了地址和位置：老人搬到二村了' });

    // The same request again: the first answer, nothing written.
    const snapshot = s.snapshot();
    expect(await s.ok('demo-social', 'seniors', 'relocate', data, 'relocate-yan-0001')).toEqual(r);
    expect(s.snapshot()).toBe(snapshot);
    expect(auditOf('senior.relocate', senior)).toHaveLength(1);

    // The detail shows the new address and where the point came from.
    const detail = await s.ok<SeniorDetail>('demo-social', 'seniors', 'detail', { seniorId: senior });
    expect(detail).toMatchObject({ address: '新圆湾二村 17 号 603 室', hasLocation: true, estateId: 'e_xyw_village2' });
  });

  it('a point picked on the map (rounded), then none; the address alone keeps the point', async () => {
    await s.ok('demo-social', 'seniors', 'relocate', { seniorId: senior, location: { latitude: 31.23456, longitude: 121.48765 } });
    expect(await stored()).toMatchObject({ location: { latitude: 31.235, longitude: 121.488 }, estateId: null });
    await s.ok('demo-social', 'seniors', 'relocate', { seniorId: senior, address: '新圆湾二村 17 号 604 室' });
    expect(await stored()).toMatchObject({ location: { latitude: 31.235, longitude: 121.488 } });
    const removed = await s.ok<SeniorsResults['relocate']>('demo-social', 'seniors', 'relocate', { seniorId: senior, location: null });
    expect(removed).toMatchObject({ changed: ['位置'], hasLocation: false, estateId: null });
    expect((await stored()).location).toBeNull();
    // Every correction is audited (the clock stands still here, so compare as a set).
    const points = auditOf('senior.relocate', senior).map((a) => String((a.detail as { point: string | null }).point));
    expect(points.sort()).toEqual(['estate', 'map', 'null', 'removed']);
  });

  it('refuses a volunteer, a social worker of another 居委 and bad input with a clear code; nothing is written', async () => {
    const linyin = (await s.ok<SeniorsResults['list']>('demo-admin', 'seniors', 'list', { committeeId: 'c_linyin' })).items[0]!.id;
    const before = s.snapshot();
    expect(await s.err('demo-v04', 'seniors', 'relocate', { seniorId: senior, estateId: 'e_xyw_garden' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.err('demo-social', 'seniors', 'relocate', { seniorId: linyin, estateId: 'e_ly_lane' })).toMatchObject({
      code: 'FORBIDDEN',
      message: '只能更正本居委老人的地址和位置',
    });
    expect(await s.err('demo-social', 'seniors', 'relocate', { seniorId: senior })).toMatchObject({ code: 'VALIDATION', message: '没有要更正的内容' });
    expect(await s.err('demo-social', 'seniors', 'relocate', { seniorId: senior, address: '二村' })).toMatchObject({
      code: 'VALIDATION',
      message: '请填写详细地址（小区、楼号、门牌）',
    });
    expect(await s.err('demo-social', 'seniors', 'relocate', { seniorId: senior, estateId: 'e_nowhere' })).toMatchObject({
      code: 'VALIDATION',
      message: '请从列表里选择小区',
      details: [{ path: 'estateId' }],
    });
    expect(
      await s.err('demo-social', 'seniors', 'relocate', { seniorId: senior, estateId: 'e_xyw_garden', location: { latitude: 31.2, longitude: 121.4 } }),
    ).toMatchObject({ code: 'VALIDATION', message: '位置请从小区列表或地图中选一种' });
    expect(await s.err('demo-social', 'seniors', 'relocate', { seniorId: senior, location: { latitude: 91, longitude: 121.4 } })).toMatchObject({
      code: 'VALIDATION',
    });
    expect(await s.err('demo-social', 'seniors', 'relocate', { seniorId: 'u_nobody', estateId: 'e_xyw_garden' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(s.snapshot()).toBe(before);
    // An admin corrects a senior of any 居委.
    expect(await s.ok('demo-admin', 'seniors', 'relocate', { seniorId: linyin, estateId: 'e_ly_lane' })).toMatchObject({
      estateId: 'e_ly_lane',
      changed: ['位置'],
    });
  });
});
