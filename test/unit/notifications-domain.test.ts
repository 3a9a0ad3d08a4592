/** The pure rules of notifications, the alarm chain and the duty roster. */
import { decide, linksFor, planChain, startNext, type ChainPeople } from '../../cloudfunctions/core/domain/alert-chain';
import { covers, dutyGaps, onDuty, overlappingShifts } from '../../cloudfunctions/core/domain/duty';
import {
  NOTICE_KINDS,
  answer,
  kindSpec,
  notBefore,
  pageOf,
  parseNotificationsConfig,
  renderFields,
  sendsLeft,
  shouldAsk,
  type TemplateDef,
} from '../../cloudfunctions/core/domain/notifications';
import config from '../../notifications.json';

const people = (p: Partial<ChainPeople> = {}): ChainPeople => ({ partner: [], family: [], socialWorkers: [], duty: [], admins: ['admin'], ...p });
const at = (iso: string) => new Date(iso);

describe('the alarm chain', () => {
  it('skips links with nobody, and never tells the person who raised it', () => {
    const r = startNext(planChain(), -1, people({ family: ['f1'], duty: ['d1'] }), 'f1', 10, at('2026-12-04T02:00:00Z'));
    expect(r.skipped.map((l) => [l.link, l.why])).toEqual([
      ['partner', '没有结对老伙伴；家属本人发出了警报或已经收到'],
      ['socialWorker', '本居委没有登记社工'],
    ]);
    expect(r.started).toMatchObject({ link: 'duty', userIds: ['d1'], state: 'active', dueAt: '2026-12-04T02:10:00.000Z' });
  });

  it('says why the first link was skipped as it was: the partner raised it, the family is not on the app', () => {
    const r = startNext(planChain(), -1, people({ partner: ['p1'], socialWorkers: ['s1'] }), 'p1', 30, at('2026-12-04T02:00:00Z'));
    expect(r.skipped.map((l) => [l.link, l.why])).toEqual([['partner', '老伙伴本人发出了警报；没有在小程序登记的家属（紧急联系人的电话由工作人员拨打）']]);
    expect(r.started).toMatchObject({ link: 'socialWorker', userIds: ['s1'] });
  });

  it('does not tell a person again in a later link; runs out when nobody is left', () => {
    const first = startNext(planChain(), -1, people({ duty: ['admin'] }), 'senior', 10, at('2026-12-04T02:00:00Z'));
    expect(first.started?.link).toBe('duty');
    const next = startNext(first.chain, 2, people({ duty: ['admin'] }), 'senior', 10, at('2026-12-04T02:10:00Z'));
    expect(next.started).toBeNull();
    expect(next.skipped.map((l) => l.link)).toEqual(['admin']);
  });

  it('moves on when every message to the link settled without reaching anyone, or when its time ran out', () => {
    const link = {
      link: 'socialWorker' as const,
      userIds: ['a', 'b'],
      state: 'active' as const,
      startedAt: '2026-12-04T02:00:00.000Z',
      dueAt: '2026-12-04T02:10:00.000Z',
      why: null,
    };
    const now = at('2026-12-04T02:01:00Z');
    expect(
      decide(
        link,
        new Map([
          ['a', 'unsubscribed'],
          ['b', 'failed'],
        ]),
        now,
      ),
    ).toMatchObject({ kind: 'move', reached: [] });
    expect(
      decide(
        link,
        new Map([
          ['a', 'unsubscribed'],
          ['b', 'pending'],
        ]),
        now,
      ),
    ).toMatchObject({ kind: 'wait' });
    expect(
      decide(
        link,
        new Map([
          ['a', 'sent'],
          ['b', 'unsubscribed'],
        ]),
        now,
      ),
    ).toEqual({ kind: 'wait', reached: ['a'] });
    expect(decide(link, new Map([['a', 'sent']]), at('2026-12-04T02:10:00Z'))).toMatchObject({ kind: 'move', reached: ['a'], why: '10 分钟内无人回应' });
  });

  it('always ends with the admins, whatever the configuration says', () => {
    expect(linksFor({ links: ['socialWorker'] }, 'c1')).toEqual({ links: ['socialWorker', 'admin'], fixed: true });
    expect(linksFor({ links: [] }, 'c1')).toEqual({ links: ['admin'], fixed: true });
    expect(linksFor({ links: ['partner', 'admin'], byCommittee: { c2: ['duty', 'admin'] } }, 'c2')).toEqual({ links: ['duty', 'admin'], fixed: false });
  });
});

describe('the duty roster', () => {
  // 2026-12-04 is a Friday (weekday 5).
  const day = { userId: 'd', weekdays: [5], from: '08:00', to: '20:00' };
  const night = { userId: 'n', weekdays: [5], from: '20:00', to: '08:00' };
  it('covers a day shift in Shanghai time', () => {
    expect(covers(day, at('2026-12-04T00:00:00Z'))).toBe(true); // 08:00
    expect(covers(day, at('2026-12-03T23:59:00Z'))).toBe(false); // 07:59
    expect(covers(day, at('2026-12-04T12:00:00Z'))).toBe(false); // 20:00
  });
  it('runs an overnight shift into the next morning', () => {
    expect(onDuty([day, night], at('2026-12-04T15:00:00Z'))).toEqual(['n']); // Fri 23:00
    expect(onDuty([day, night], at('2026-12-04T22:00:00Z'))).toEqual(['n']); // Sat 06:00
    expect(onDuty([day, night], at('2026-12-05T01:00:00Z'))).toEqual([]); // Sat 09:00
  });
  it('finds two shifts of one person sharing a minute, overnight and across Sunday night too', () => {
    expect(overlappingShifts([day, night])).toBeNull();
    expect(overlappingShifts([day, { ...day, userId: 'x', from: '12:00' }])).toBeNull();
    expect(overlappingShifts([night, day, { ...day, from: '19:59', to: '21:00' }])).toEqual([1, 2]);
    // Back to back is not an overlap.
    expect(overlappingShifts([day, { ...day, from: '20:00', to: '22:00' }])).toBeNull();
    // Sunday 22:00–06:00 runs into Monday 05:00–09:00.
    expect(
      overlappingShifts([
        { userId: 'd', weekdays: [7], from: '22:00', to: '06:00' },
        { userId: 'd', weekdays: [1], from: '05:00', to: '09:00' },
      ]),
    ).toEqual([0, 1]);
    expect(
      overlappingShifts([
        { userId: 'd', weekdays: [7], from: '22:00', to: '06:00' },
        { userId: 'd', weekdays: [1], from: '06:00', to: '09:00' },
      ]),
    ).toBeNull();
  });
  it('names the stretches of the week nobody is on duty, Sunday night into Monday as one', () => {
    expect(dutyGaps([])).toEqual([{ fromDay: 1, from: '00:00', toDay: 1, to: '00:00' }]);
    const weekdays = { userId: 'd', weekdays: [1, 2, 3, 4, 5], from: '08:30', to: '17:30' };
    expect(dutyGaps([weekdays])).toEqual([
      { fromDay: 1, from: '17:30', toDay: 2, to: '08:30' },
      { fromDay: 2, from: '17:30', toDay: 3, to: '08:30' },
      { fromDay: 3, from: '17:30', toDay: 4, to: '08:30' },
      { fromDay: 4, from: '17:30', toDay: 5, to: '08:30' },
      { fromDay: 5, from: '17:30', toDay: 1, to: '08:30' },
    ]);
    const nights = { userId: 'n', weekdays: [1, 2, 3, 4, 5, 6, 7], from: '17:30', to: '08:30' };
    expect(dutyGaps([weekdays, nights])).toEqual([
      { fromDay: 6, from: '08:30', toDay: 6, to: '17:30' },
      { fromDay: 7, from: '08:30', toDay: 7, to: '17:30' },
    ]);
    expect(dutyGaps([weekdays, nights, { userId: 'w', weekdays: [6, 7], from: '08:00', to: '18:00' }])).toEqual([]);
  });
});

describe('templates and fields', () => {
  const template: TemplateDef = {
    title: '警报通知',
    templateId: 't',
    longTerm: false,
    fields: { thing1: 'subject', phrase2: 'status', thing3: 'body', time4: 'at' },
  };
  const values = {
    subject: '一键求助：沈阿婆',
    status: '请处理',
    body: '沈阿婆（新圆湾居委）按下了一键求助（老人本人按下）。请立即联系或上门',
    at: '2026-12-04T02:03:00.000Z',
    person: '',
  };

  it('fills each keyword, cuts free text at 20 characters, writes time in Shanghai', () => {
    const r = renderFields(template, values);
    expect(r).toEqual({
      ok: true,
      data: {
        thing1: { value: '一键求助：沈阿婆' },
        phrase2: { value: '请处理' },
        thing3: { value: '沈阿婆（新圆湾居委）按下了一键求助（老…' },
        time4: { value: '2026-12-04 10:03' },
      },
    });
    expect([...(r.ok ? r.data.thing3!.value : '')].length).toBe(20);
  });

  it('refuses what cannot be cut without changing its meaning', () => {
    expect(renderFields(template, { ...values, status: '已经有人在处理了' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('phrase2 最多 5 个字'),
    });
    expect(renderFields(template, { ...values, status: 'OK' })).toMatchObject({ ok: false, reason: expect.stringContaining('只能是汉字') });
    expect(renderFields(template, { ...values, subject: '  ' })).toMatchObject({ ok: false, reason: 'thing1 没有内容' });
    expect(renderFields({ ...template, fields: { time1: 'body' } }, values)).toMatchObject({ ok: false });
  });

  it('every kind’s status fits a phrase; the shipped configuration parses; a wrong keyword is refused', () => {
    for (const spec of Object.values(NOTICE_KINDS)) expect(spec.status).toMatch(/^[\u4e00-\u9fa5]{1,5}$/);
    expect(() => parseNotificationsConfig(config)).not.toThrow();
    const broken = JSON.parse(JSON.stringify(config));
    broken.templates.alert.fields = { title1: 'subject' };
    expect(() => parseNotificationsConfig(broken)).toThrow(/templates\.alert\.fields/);
    expect(kindSpec('no.such.kind')).toBeNull();
    expect(pageOf(kindSpec('alert.raised')!, 'al_1')).toBe('/packages/alert/detail/index?id=al_1');
    expect(pageOf(kindSpec('alert.raised')!, null)).toBe('/packages/inbox/home/index');
  });
});

describe('quiet hours and subscriptions', () => {
  it('a reminder in quiet hours waits for their end; alarms never wait', () => {
    const late = at('2026-12-04T15:30:00Z'); // 23:30 in Shanghai
    expect(notBefore('reminder', { from: '22:00', to: '07:00' }, late).toISOString()).toBe('2026-12-04T23:00:00.000Z'); // 07:00
    expect(notBefore('alarm', { from: '22:00', to: '07:00' }, late)).toBe(late);
    expect(notBefore('reminder', null, late)).toBe(late);
    expect(notBefore('reminder', { from: '22:00', to: '07:00' }, at('2026-12-04T02:00:00Z')).toISOString()).toBe('2026-12-04T02:00:00.000Z');
  });

  it('estimates sends left and asks again only when none is left and nobody said no', () => {
    let sub = answer(undefined, 'accept', 'now');
    expect(sendsLeft(sub, false)).toBe(1);
    expect(shouldAsk(sub, false)).toBe(false);
    sub = { ...sub, sends: 1 };
    expect(shouldAsk(sub, false)).toBe(true);
    expect(shouldAsk(answer(sub, 'reject', 'now'), false)).toBe(false);
    expect(shouldAsk(answer(sub, 'ban', 'now'), false)).toBe(false);
    expect(sendsLeft(answer(undefined, 'accept', 'now'), true)).toBe(Number.POSITIVE_INFINITY);
  });
});
