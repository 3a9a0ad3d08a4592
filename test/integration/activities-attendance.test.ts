/**
 * Check-in and check-out with the rotating QR token, the roster, the geofence, absentees after the
 * end, the pending service record and its approval by the right leader, and the xlsx export.
 */
import { Workbook } from 'exceljs';
import type { ActivitiesResults, ActivityView, RecordsResults, TeamsResults } from '../../cloudfunctions/core/api';
import { issueToken } from '../../cloudfunctions/core/domain/checkin-token';
import { markAbsentees } from '../../cloudfunctions/core/services/activities';
import { openStreet, v, type Street } from '../support/activities';

let s: Street;
let a: ActivityView;

// Saturday 2026-11-28, 09:00–11:00 in Shanghai = 01:00–03:00 UTC.
const START = Date.parse('2026-11-28T01:00:00.000Z');
const END = Date.parse('2026-11-28T03:00:00.000Z');
const setClock = (ms: number) => {
  s.clock.now = new Date(ms);
};
const min = 60_000;

beforeEach(async () => {
  s = await openStreet();
  a = await s.createActivity(v(1), { capacity: 3 });
  for (const n of [4, 6, 7, 8]) await s.ok(v(n), 'activities', 'signup', { activityId: a.id }); // v08 waitlisted
});
afterEach(() => s.close());

const code = async (activityId = a.id, leader = v(1)) => s.ok<ActivitiesResults['checkinCode']>(leader, 'activities', 'checkinCode', { activityId });
const checkIn = (n: number, token: string, extra: object = {}, activityId = a.id) =>
  s.call<ActivitiesResults['checkIn']>(v(n), 'activities', 'checkIn', { activityId, token, ...extra });
const checkOut = (n: number, token: string, activityId = a.id) => s.call<ActivitiesResults['checkOut']>(v(n), 'activities', 'checkOut', { activityId, token });

async function refusedClean(run: () => Promise<unknown>, code: string, message?: string | RegExp) {
  const before = s.snapshot();
  const result = (await run()) as { ok: boolean; error?: { code: string; message: string } };
  expect(result).toMatchObject({ ok: false, error: { code } });
  if (message) expect(result.error!.message).toMatch(message);
  expect(s.snapshot()).toBe(before);
}

describe('the QR code', () => {
  it('only the team’s leader shows it, and only around the activity', async () => {
    setClock(START - 2 * 60 * min);
    expect(await s.call(v(1), 'activities', 'checkinCode', { activityId: a.id })).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });
    setClock(START - 30 * min);
    const issued = await code();
    expect(issued).toMatchObject({ activityId: a.id, windowSeconds: 60, code: expect.stringMatching(/^\d{6}$/) });
    expect(issued.token.startsWith(`ck1.${a.id}.`)).toBe(true);
    expect(await s.call(v(2), 'activities', 'checkinCode', { activityId: a.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.call(v(4), 'activities', 'checkinCode', { activityId: a.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('checks in with a fresh token, and again is harmless', async () => {
    setClock(START + 5 * min);
    const { token } = await code();
    const result = await checkIn(4, token);
    expect(result).toMatchObject({ ok: true, data: { attendance: 'in', checkInAt: new Date(START + 5 * min).toISOString(), already: false } });
    expect(await checkIn(4, token)).toMatchObject({ ok: true, data: { attendance: 'in', already: true } });
  });

  it('an expired token is refused and nothing is written', async () => {
    setClock(START + 5 * min);
    const { token } = await code();
    setClock(START + 5 * min + 125_000);
    await refusedClean(() => checkIn(4, token), 'TOKEN_EXPIRED', '签到码已过期，请扫描队长手机上最新的二维码');
  });

  it('a token of another activity is refused and nothing is written', async () => {
    const other = await s.createActivity(v(1), { title: '河道清洁', date: '2026-11-28', startTime: '08:00', endTime: '12:00', capacity: 5 });
    setClock(START + 5 * min);
    const foreign = await code(other.id);
    await refusedClean(() => checkIn(4, foreign.token), 'TOKEN_INVALID', '这个二维码属于另一个活动，请扫描本活动的签到码');
    // Nor can the activity id inside it be swapped.
    const [p, , w, sig] = foreign.token.split('.');
    await refusedClean(() => checkIn(4, `${p}.${a.id}.${w}.${sig}`), 'TOKEN_INVALID', '签到码无效，请扫描队长手机上的二维码');
    // A token another server could have made (another key) is just as invalid.
    await refusedClean(() => checkIn(4, issueToken(() => 'forged-signature-000000000', a.id, s.clock.now).token), 'TOKEN_INVALID');
  });

  it('the 6-digit code works on H5; a wrong one is refused', async () => {
    setClock(START + 2 * min);
    const issued = await code();
    expect(await checkIn(6, issued.code)).toMatchObject({ ok: true, data: { attendance: 'in' } });
    const wrong = issued.code === '000000' ? '000001' : '000000';
    // A wrong code writes nothing but the count of wrong codes.
    const before = s.snapshot(['attempts']);
    expect(await checkIn(4, wrong)).toMatchObject({
      ok: false,
      error: { code: 'TOKEN_INVALID', message: expect.stringMatching(/6 位数字（还可以再试 4 次，再错要等 10 分钟）$/), details: { left: 4 } },
    });
    expect(s.snapshot(['attempts'])).toBe(before);
  });

  it('after five wrong codes in ten minutes typed codes are refused for ten minutes; the QR code still works', async () => {
    setClock(START + 2 * min);
    const wrongFor = (right: string) => (right === '000000' ? '000001' : '000000');
    for (let i = 1; i <= 4; i++) {
      const issued = await code();
      expect(await checkIn(4, wrongFor(issued.code))).toMatchObject({ ok: false, error: { code: 'TOKEN_INVALID', details: { left: 5 - i } } });
      setClock(s.clock.now.getTime() + min);
    }
    expect(await checkIn(4, wrongFor((await code()).code))).toMatchObject({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS', message: '签到码输错次数太多，请 10 分钟后再试，或请队长在名单上为您签到' },
    });
    const lockedAt = s.clock.now.getTime();
    // Even the right code is refused now, and refusing it writes nothing.
    const before = s.snapshot();
    expect(await checkIn(4, (await code()).code)).toMatchObject({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS', details: { retryAt: new Date(lockedAt + 10 * min).toISOString() } },
    });
    expect(s.snapshot()).toBe(before);
    // Only this person, only this activity: someone else's typed code works.
    expect(await checkIn(6, (await code()).code)).toMatchObject({ ok: true, data: { attendance: 'in' } });
    // The QR token cannot be guessed, so it is not locked.
    expect(await checkIn(4, (await code()).token)).toMatchObject({ ok: true, data: { attendance: 'in' } });
    // Ten minutes later typed codes work again (check-out with the code).
    setClock(lockedAt + 10 * min - 1000);
    expect(await checkOut(4, (await code()).code)).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    setClock(lockedAt + 10 * min);
    expect(await checkOut(4, (await code()).code)).toMatchObject({ ok: true, data: { attendance: 'out' } });
  });

  it('wrong codes sent at once are all counted: ten concurrent guesses leave the person locked', async () => {
    setClock(START + 2 * min);
    const issued = await code();
    const guesses = Array.from({ length: 10 }, (_, i) => String(i * 7919).padStart(6, '0')).filter((g) => g !== issued.code);
    const results = await Promise.all(guesses.map((g) => checkIn(7, g)));
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(results.filter((r) => !r.ok && r.error.code === 'TOO_MANY_ATTEMPTS').length).toBeGreaterThanOrEqual(guesses.length - 4);
    expect(await checkIn(7, issued.code)).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
  });
});

describe('check-in and check-out rules', () => {
  it('check-out before check-in is refused and nothing is written', async () => {
    setClock(START + 30 * min);
    const { token } = await code();
    await refusedClean(() => checkOut(4, token), 'WRONG_STATE', '您还没有签到，不能签退');
  });

  it('check-in after the end is refused and nothing is written', async () => {
    setClock(END - 30_000);
    const { token } = await code();
    setClock(END + 10_000);
    await refusedClean(() => checkIn(4, token), 'WRONG_STATE', '活动已结束，不能再签到；如果您参加了，请联系队长补登');
  });

  it('check-in too early, by someone waitlisted or not signed up, is refused', async () => {
    // A genuine token (made with the server's key) before check-in opens, an hour before the start.
    setClock(START - 61 * min);
    const early = issueToken((p) => s.world.deps.secrets.sign(p), a.id, s.clock.now).token;
    await refusedClean(() => checkIn(4, early), 'WRONG_STATE', '还没到签到时间（11月28日 08:00 开始签到）');
    setClock(START - 30 * min);
    const { token } = await code();
    await refusedClean(() => checkIn(8, token), 'WRONG_STATE', '您在候补名单中，还没有获得名额，不能签到');
    await refusedClean(() => checkIn(9, token), 'WRONG_STATE', '您没有报名这个活动');
  });

  it('check-out makes a pending record of the minutes actually served, capped at the schedule', async () => {
    setClock(START - 20 * min); // early arrival: waiting time does not count
    await checkIn(4, (await code()).token);
    setClock(START + 10 * min);
    await checkIn(6, (await code()).token);
    setClock(START + 70 * min); // v06 leaves early
    const early = await checkOut(6, (await code()).token);
    expect(early).toMatchObject({ ok: true, data: { attendance: 'out', servedMinutes: 60 } });
    setClock(END + 45 * min); // v04 checks out late: travel and lingering do not count
    const late = await checkOut(4, (await code()).token);
    expect(late).toMatchObject({ ok: true, data: { attendance: 'out', servedMinutes: 120 } });
    if (!late.ok) return;
    const records = await s.ok<RecordsResults['mine']>(v(4), 'records', 'mine');
    expect(records.items).toEqual([
      expect.objectContaining({
        id: late.data.recordId,
        state: 'pending',
        minutes: { minutes: 120, display: '2小时' },
        teamId: 't_patrol',
        date: '2026-11-28',
        content: '周末巡河护林',
        place: '滨江步道北入口',
        recorderName: '王建国',
      }),
    ]);
    expect(await checkOut(4, (await code()).token)).toMatchObject({ ok: true, data: { already: true, recordId: late.data.recordId } });
    expect(await s.world.store.count('serviceRecords')).toBe(2);
  });

  it('checking out more than 3 hours after the end goes through the leader', async () => {
    setClock(START);
    await checkIn(4, (await code()).token);
    setClock(END + 180 * min);
    const { token } = await code();
    setClock(END + 180 * min + 30_000);
    await refusedClean(() => checkOut(4, token), 'WRONG_STATE', /请联系队长补登/);
  });
});

describe('approval goes to the right leader', () => {
  let recordId: string;
  beforeEach(async () => {
    setClock(START);
    await checkIn(4, (await code()).token);
    setClock(END);
    const out = await checkOut(4, (await code()).token);
    if (!out.ok) throw new Error(out.error.message);
    recordId = out.data.recordId!;
  });

  it('another team’s leader cannot approve or reject it; nothing is written', async () => {
    await refusedClean(() => s.call(v(2), 'records', 'approve', { recordId }), 'FORBIDDEN');
    await refusedClean(() => s.call(v(2), 'records', 'reject', { recordId, reason: '不是我们队的' }), 'FORBIDDEN');
    await refusedClean(() => s.call(v(4), 'records', 'approve', { recordId }), 'FORBIDDEN');
  });

  it('the team’s leader approves it; the volunteer sees the approved hours', async () => {
    const approved = await s.ok<RecordsResults['approve']>(v(1), 'records', 'approve', { recordId });
    expect(approved).toMatchObject({ state: 'approved', approverName: '王建国' });
    const totals = await s.ok<RecordsResults['totals']>(v(4), 'records', 'totals');
    expect(totals.total.minutes).toBe(120);
  });

  it('the team’s only leader at their own activity: their record waits for the street, whose admins are told; the members’ are not', async () => {
    setClock(START - 24 * 60 * min);
    const own = await s.createActivity(v(1), { capacity: 10 });
    for (const n of [1, 9]) await s.ok(v(n), 'activities', 'signup', { activityId: own.id });
    setClock(START + 5 * min);
    const { token } = await code(own.id);
    for (const n of [1, 9]) expect((await checkIn(n, token, {}, own.id)).ok).toBe(true);
    setClock(END - 5 * min);
    const out = await code(own.id);
    const leaderOut = await checkOut(1, out.token, own.id);
    expect((await checkOut(9, out.token, own.id)).ok).toBe(true);
    type Inbox = { items: Array<{ kind: string; body: string; page: string }> };
    const told = (await s.ok<Inbox>('demo-admin', 'inbox', 'list', { limit: 50 })).items.filter((m) => m.kind === 'record.awaitingStreet');
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toMatch(/王建国 .*本队没有别的队长能审核/);
    expect(told[0]!.page).toBe('/packages/leader/approvals/index?teamId=street-review');
    const queue = await s.ok<RecordsResults['awaitingReview']>('demo-admin', 'records', 'awaitingReview', {});
    expect(queue.items.map((r) => r.id)).toEqual([leaderOut.ok && leaderOut.data.recordId]);
  });

  it('the activity page tells the volunteer what became of the record: waiting, approved, or returned with the reason', async () => {
    const mine = async () => (await s.ok<ActivitiesResults['detail']>(v(4), 'activities', 'detail', { activityId: a.id })).my!.record;
    expect(await mine()).toEqual({ state: 'pending', minutes: 120, reason: null, secondReview: false });
    await s.ok(v(1), 'records', 'reject', { recordId, reason: '时长不对，请重新登记' });
    expect(await mine()).toMatchObject({ state: 'rejected', reason: '时长不对，请重新登记' });
  });
});

describe('when the roster offers 代为签到', () => {
  it('says check-in is open by the same window the service enforces: from an hour before the start until the end', async () => {
    type Roster = ActivitiesResults['roster'];
    const roster = () => s.ok<Roster>(v(1), 'activities', 'roster', { activityId: a.id });
    const ann = await s.userId(v(4));
    const mark = () => s.call(v(1), 'activities', 'markAttendance', { activityId: a.id, userId: ann, mark: 'checkIn' });

    setClock(START - 6 * 24 * 60 * min);
    expect(await roster()).toMatchObject({ checkInOpen: false, checkInOpensAt: '2026-11-28T00:00:00.000Z' });
    expect(await mark()).toMatchObject({ ok: false, error: { code: 'WRONG_STATE', message: expect.stringContaining('还没到签到时间') } });

    setClock(START - 60 * min - 1);
    expect((await roster()).checkInOpen).toBe(false);
    setClock(START - 60 * min);
    expect((await roster()).checkInOpen).toBe(true);
    expect(await mark()).toMatchObject({ ok: true });

    setClock(END - 1);
    expect((await roster()).checkInOpen).toBe(true);
    setClock(END);
    expect((await roster()).checkInOpen).toBe(false);
  });
});

describe('the roster and attendance after the end', () => {
  it('the leader sees the roster with masked phones and marks attendance', async () => {
    setClock(START + 15 * min);
    await checkIn(4, (await code()).token);
    expect(await s.ok(v(1), 'activities', 'markAttendance', { activityId: a.id, userId: await s.userId(v(6)), mark: 'checkIn' })).toMatchObject({
      attendance: 'in',
    });
    const roster = await s.ok<ActivitiesResults['roster']>(v(1), 'activities', 'roster', { activityId: a.id });
    expect(roster.signed.map((e) => [e.name, e.attendance, e.checkInBy])).toEqual([
      ['刘芳', 'in', 'qr'],
      ['杨丽华', 'in', 'roster'],
      ['赵明', 'none', null],
    ]);
    expect(roster.waitlist.map((e) => [e.name, e.waitlistPosition])).toEqual([['黄小燕', 1]]);
    expect(roster.counts).toEqual({ signed: 3, waitlisted: 1, checkedIn: 2, checkedOut: 0, absent: 0 });
    expect(JSON.stringify(roster)).not.toMatch(/1380000\d{4}/);
    expect(await s.call(v(2), 'activities', 'roster', { activityId: a.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // After the end: the leader checks one out and records a forgotten check-in as present.
    setClock(END + 10 * min);
    const out = await s.ok<ActivitiesResults['markAttendance']>(v(1), 'activities', 'markAttendance', {
      activityId: a.id,
      userId: await s.userId(v(6)),
      mark: 'checkOut',
    });
    expect(out).toMatchObject({ attendance: 'out', servedMinutes: 105 });
    const present = await s.ok<ActivitiesResults['markAttendance']>(v(1), 'activities', 'markAttendance', {
      activityId: a.id,
      userId: await s.userId(v(7)),
      mark: 'present',
      minutes: 90,
    });
    expect(present).toMatchObject({ attendance: 'out', servedMinutes: 90 });
    const pending = await s.ok<RecordsResults['team']>(v(1), 'records', 'team', { teamId: 't_patrol', state: 'pending' });
    expect(pending.items.map((r) => [r.volunteerName, r.minutes.minutes]).sort()).toEqual([
      ['杨丽华', 105],
      ['赵明', 90],
    ]);
    // Marking someone absent who has a record is refused.
    await refusedClean(() => s.call(v(1), 'activities', 'markAttendance', { activityId: a.id, userId: present.userId, mark: 'absent' }), 'WRONG_STATE');
    // Someone on the waitlist cannot be marked.
    await refusedClean(
      async () => s.call(v(1), 'activities', 'markAttendance', { activityId: a.id, userId: await s.userId(v(8)), mark: 'present' }),
      'WRONG_STATE',
      '这个人还在候补名单中，没有获得名额',
    );
  });

  it('people who never check in are marked absent after the end, by the scheduler’s job', async () => {
    setClock(START + 5 * min);
    await checkIn(4, (await code()).token);
    setClock(END - 1 * min);
    expect(await markAbsentees(s.world.store, s.clock.now)).toEqual({ activities: 0, absent: 0 });
    expect(await s.call(v(1), 'activities', 'closeAttendance', { activityId: a.id })).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });
    setClock(END + 1 * min);
    expect(await markAbsentees(s.world.store, s.clock.now)).toEqual({ activities: 1, absent: 2 });
    // Running it again changes nothing.
    const before = s.snapshot();
    expect(await markAbsentees(s.world.store, s.clock.now)).toEqual({ activities: 0, absent: 0 });
    expect(s.snapshot()).toBe(before);
    const roster = await s.ok<ActivitiesResults['roster']>(v(1), 'activities', 'roster', { activityId: a.id });
    expect(roster.signed.map((e) => e.attendance)).toEqual(['in', 'absent', 'absent']);
    expect(roster.waitlist.map((e) => e.attendance)).toEqual(['none']);
    // The leader can still put right a mistaken absence.
    expect(await s.ok(v(1), 'activities', 'markAttendance', { activityId: a.id, userId: await s.userId(v(6)), mark: 'present' })).toMatchObject({
      attendance: 'out',
      servedMinutes: 120,
    });
  });

  it('the leader’s "close attendance" does the same for one activity; the admin can run the job', async () => {
    setClock(END + 5 * min);
    expect(await s.ok(v(1), 'activities', 'closeAttendance', { activityId: a.id })).toEqual({ activityId: a.id, absent: 3, stillCheckedIn: 0 });
    expect(await s.ok('demo-admin', 'activities', 'sweep')).toEqual({ activities: 0, absent: 0 });
    expect(await s.call(v(1), 'activities', 'sweep')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the optional geofence keeps only the distance', () => {
  let walk: ActivityView;
  beforeEach(async () => {
    walk = await s.createActivity(v(3), {
      title: '研学漫步',
      category: 'culture',
      startTime: '14:00',
      endTime: '16:00',
      geofenceRadiusM: 300,
      place: { name: '湿地公园东门', latitude: 31.2419, longitude: 121.5013 },
    });
    await s.ok(v(4), 'activities', 'signup', { activityId: walk.id });
    setClock(Date.parse('2026-11-28T06:00:00.000Z'));
  });

  it('refuses without a position and far away; accepts near, storing the distance only', async () => {
    const { token } = await code(walk.id, v(3));
    await refusedClean(() => checkIn(4, token, {}, walk.id), 'VALIDATION', '本活动需要定位签到，请允许获取位置后再试');
    await refusedClean(() => checkIn(4, token, { location: { latitude: 31.2519, longitude: 121.5013 } }, walk.id), 'OUT_OF_AREA', /您距离活动地点约 11\d\d 米/);
    const near = await checkIn(4, token, { location: { latitude: 31.2429, longitude: 121.50131, accuracy: 20 } }, walk.id);
    expect(near).toMatchObject({ ok: true, data: { attendance: 'in', distanceM: 111 } });
    const raw = s.snapshot();
    expect(raw).not.toContain('31.2429');
    expect(raw).not.toContain('121.50131');
    const roster = await s.ok<ActivitiesResults['roster']>(v(3), 'activities', 'roster', { activityId: walk.id });
    expect(roster.signed[0]).toMatchObject({ distanceM: 111 });
  });
});

describe('the xlsx export for paper reports', () => {
  it('exports the team’s records for a date range, which a spreadsheet opens', async () => {
    setClock(START);
    for (const n of [4, 6]) await checkIn(n, (await code()).token);
    setClock(END);
    for (const n of [4, 6]) await checkOut(n, (await code()).token);
    const team = await s.ok<RecordsResults['team']>(v(1), 'records', 'team', { teamId: 't_patrol' });
    await s.ok(v(1), 'records', 'approve', { recordId: team.items.find((r) => r.volunteerName === '刘芳')!.id });

    const exported = await s.ok<TeamsResults['exportRecords']>(v(1), 'teams', 'exportRecords', { teamId: 't_patrol', from: '2026-11-01', to: '2026-11-30' });
    expect(exported).toMatchObject({ filename: '护河巡林志愿服务队_服务记录_2026-11-01_2026-11-30.xlsx', rows: 2, totalMinutes: 120 });
    // The answer carries the stored file's id and a short link, never the bytes.
    expect(exported.fileId).toMatch(/^local:exports\//);
    expect(exported.url).toMatch(/^\/files\//);
    expect(Date.parse(exported.expiresAt) - START).toBeGreaterThan(0);
    expect(JSON.stringify(exported).length).toBeLessThan(2000);
    const wb = new Workbook();
    await wb.xlsx.load((await s.world.deps.files!.read(exported.fileId)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('服务记录')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['序号', '服务日期', '志愿者', '服务类别']);
    const body = [2, 3].map((i) => (sheet.getRow(i).values as unknown[]).slice(1));
    expect(body.map((r) => [r[1], r[2], r[7], r[8], r[9]]).sort()).toEqual([
      ['2026-11-28', '刘芳', 2, 120, '已通过'],
      ['2026-11-28', '杨丽华', 2, 120, '待审核'],
    ]);
    const summary = wb.getWorksheet('汇总')!;
    expect((summary.getRow(2).values as unknown[]).slice(1)).toEqual(['刘芳', 1, 2, 120]);
    expect(await s.world.store.count('audit', { kind: 'records.export' })).toBe(1);

    const empty = await s.ok<TeamsResults['exportRecords']>(v(1), 'teams', 'exportRecords', { teamId: 't_patrol', from: '2026-12-01', to: '2026-12-31' });
    expect(empty.rows).toBe(0);
    expect(await s.call(v(2), 'teams', 'exportRecords', { teamId: 't_patrol', from: '2026-11-01', to: '2026-11-30' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await s.call(v(1), 'teams', 'exportRecords', { teamId: 't_patrol', from: '2026-12-01', to: '2026-11-01' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '开始日期不能晚于结束日期' },
    });
  });
});

describe('two overlapping activities: the same clock time is credited once', () => {
  // 河道清洁 10:15–12:00 overlaps the patrol (09:00–11:00) by 45 minutes, so both may be signed up to.
  let b: ActivityView;
  const B_START = START + 75 * min;
  const B_END = END + 60 * min;
  beforeEach(async () => {
    b = await s.createActivity(v(1), { title: '河道清洁', startTime: '10:15', endTime: '12:00', capacity: 5 });
    for (const n of [4, 6, 7]) expect(await s.call(v(n), 'activities', 'signup', { activityId: b.id })).toMatchObject({ ok: true });
  });
  const mineIn = async (n: number, activityId: string) => (await s.ok<ActivitiesResults['detail']>(v(n), 'activities', 'detail', { activityId })).my;
  const mark = async (n: number, activityId: string, mark: string, extra: object = {}) =>
    s.call<ActivitiesResults['markAttendance']>(v(1), 'activities', 'markAttendance', { activityId, userId: await s.userId(v(n)), mark, ...extra });
  const totalMinutes = async (n: number) => (await s.ok<RecordsResults['mine']>(v(n), 'records', 'mine')).items.reduce((sum, r) => sum + r.minutes.minutes, 0);

  it('checking in to the second checks the volunteer out of the first at that moment', async () => {
    setClock(START + 5 * min);
    await checkIn(4, (await code()).token);
    setClock(B_START + 5 * min); // 10:20, the patrol still under way
    expect(await checkIn(4, (await code(b.id)).token, {}, b.id)).toMatchObject({ ok: true, data: { attendance: 'in' } });
    expect(await mineIn(4, a.id)).toMatchObject({ attendance: 'out', checkOutAt: new Date(B_START + 5 * min).toISOString(), servedMinutes: 75 });
    setClock(B_END);
    expect(await checkOut(4, (await code(b.id)).token, b.id)).toMatchObject({ ok: true, data: { servedMinutes: 100 } });
    // 09:05–12:00 is 175 minutes of clock time, and that is what is credited.
    expect(await totalMinutes(4)).toBe(175);
  });

  it('the leader’s 代为签到 on the second does the same', async () => {
    setClock(START);
    expect(await mark(6, a.id, 'checkIn')).toMatchObject({ ok: true, data: { attendance: 'in' } });
    setClock(B_START + 15 * min); // 10:30
    expect(await mark(6, b.id, 'checkIn')).toMatchObject({ ok: true, data: { attendance: 'in' } });
    expect(await mineIn(6, a.id)).toMatchObject({ attendance: 'out', servedMinutes: 90 });
    setClock(B_END + 10 * min);
    expect(await mark(6, b.id, 'checkOut')).toMatchObject({ ok: true, data: { servedMinutes: 90 } });
    expect(await totalMinutes(6)).toBe(180);
  });

  it('checking in to the second before the first has started drops the first check-in (no record of nothing)', async () => {
    // 河道清洁 early: 08:10–09:20, checked in to the patrol at 08:05, then to 河道清洁 at 08:10.
    const early = await s.createActivity(v(1), { title: '早班清扫', startTime: '08:10', endTime: '09:20', capacity: 5 });
    await s.ok(v(7), 'activities', 'signup', { activityId: early.id });
    setClock(START - 55 * min);
    await checkIn(7, (await code()).token);
    setClock(START - 50 * min);
    expect(await checkIn(7, (await code(early.id)).token, {}, early.id)).toMatchObject({ ok: true });
    expect(await mineIn(7, a.id)).toMatchObject({ attendance: 'none', checkInAt: null, recordId: null });
  });

  it('a leader’s 已到 for time already credited elsewhere counts only the rest', async () => {
    setClock(START);
    await checkIn(7, (await code()).token);
    setClock(END);
    expect(await checkOut(7, (await code()).token)).toMatchObject({ ok: true, data: { servedMinutes: 120 } });
    setClock(B_END + 30 * min);
    // 10:15–12:00 by default; 10:15–11:00 is already the patrol's.
    expect(await mark(7, b.id, 'present')).toMatchObject({ ok: true, data: { servedMinutes: 60 } });
    expect(await totalMinutes(7)).toBe(180);
  });

  it('and the other way round: a check-out after a 已到 elsewhere counts only the rest; nothing left is refused', async () => {
    const inner = await s.createActivity(v(1), { title: '河边讲解', startTime: '10:20', endTime: '10:50', capacity: 5 });
    await s.ok(v(6), 'activities', 'signup', { activityId: inner.id });
    setClock(START);
    await checkIn(4, (await code()).token);
    setClock(B_START + 30 * min); // 10:45, still checked in to the patrol: the leader of 河道清洁 records 已到
    expect(await mark(4, b.id, 'present')).toMatchObject({ ok: true, data: { servedMinutes: 105 } });
    setClock(END);
    expect(await checkOut(4, (await code()).token)).toMatchObject({ ok: true, data: { servedMinutes: 75 } });
    expect(await totalMinutes(4)).toBe(180);
    // v06 served 河道清洁 10:15–11:05; a 已到 for 河边讲解 (10:20–10:50), wholly inside it, has nothing left to credit.
    setClock(B_START);
    await checkIn(6, (await code(b.id)).token, {}, b.id);
    setClock(B_START + 50 * min);
    expect(await checkOut(6, (await code(b.id)).token, b.id)).toMatchObject({ ok: true, data: { servedMinutes: 50 } });
    setClock(B_END);
    await refusedClean(() => mark(6, inner.id, 'present'), 'WRONG_STATE', /已计入“河道清洁”/);
    // Once the leader rejects that record, its time credits nothing, so the 已到 counts in full.
    const pending = (await s.world.store.find<{ _id: string }>('serviceRecords', { where: { volunteerId: await s.userId(v(6)), state: 'pending' }, limit: 5 }))
      .items;
    expect(pending).toHaveLength(1);
    await s.ok(v(1), 'records', 'reject', { recordId: pending[0]!._id, reason: '记错了活动' });
    expect(await mark(6, inner.id, 'present')).toMatchObject({ ok: true, data: { servedMinutes: 30 } });
  });
});
