/**
 * Credits that could be created by the wrong person. On the demo street over a
 * real SQLite file, through the dispatcher: a leader records only for members of a team they lead,
 * within the back-dating limit; one person's credited minutes per day stay under the policy's
 * maximum across every source (hand-written records and activity check-outs), also when approvals
 * race; unusual records need a second approver who is neither the recorder nor the first approver.
 */
import type { ActivitiesResults, RecordView, TimebankResults } from '../../cloudfunctions/core/api';
import type { DailyMinutesDoc } from '../../cloudfunctions/core/domain/records';
import { openStreet, v, type Street } from '../support/activities';

let s: Street;
const ADMIN = 'demo-admin';
const LEADER = v(1); // leads t_patrol
const SECOND_LEADER = v(9); // made a second leader of t_patrol below
const PAWS_LEADER = v(2); // the only leader of t_paws
// Shanghai 2026-11-28 20:00: "today" for the recorders.
const NOW = '2026-11-28T12:00:00.000Z';
const TODAY = '2026-11-28';
const daysAgo = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

const record = (volunteerId: string, minutes: number, extra: object = {}) => ({
  volunteerId,
  teamId: 't_patrol',
  category: 'daily',
  date: TODAY,
  place: '滨江社区',
  content: '帮助独居老人打扫卫生',
  minutes,
  ...extra,
});

async function balanceOf(openid: string): Promise<number> {
  return (await s.ok<TimebankResults['balance']>(openid, 'timebank', 'balance')).balance.minutes;
}

async function dayOf(openid: string, date = TODAY): Promise<number> {
  const doc = await s.world.store.get<DailyMinutesDoc>('dailyMinutes', `${await s.userId(openid)}:${date}`);
  return doc?.minutes ?? 0;
}

beforeEach(async () => {
  s = await openStreet(NOW);
  for (const n of [4, 6, 8]) await s.ok(v(n), 'teams', 'join', { teamId: 't_patrol' });
  await s.ok(v(10), 'teams', 'join', { teamId: 't_paws' });
  await s.ok(ADMIN, 'admin', 'grantRole', { userId: await s.userId(SECOND_LEADER), role: 'leader', teamId: 't_patrol' });
});
afterEach(() => s.close());

describe('who a record may be for', () => {
  it('refuses a volunteer who is not a member of the team, for leaders and admins, writing nothing', async () => {
    const stranger = await s.userId(v(7));
    const before = await s.world.store.count('serviceRecords');
    for (const who of [LEADER, ADMIN]) {
      const refused = await s.call(who, 'records', 'create', record(stranger, 60));
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(refused.ok ? '' : refused.error.message).toContain('不是本队队员');
    }
    // A leader of another team cannot record for this team's members either.
    expect(await s.call(PAWS_LEADER, 'records', 'create', record(await s.userId(v(4)), 60))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.world.store.count('serviceRecords')).toBe(before);
    // Members (and the team's own leaders) are fine.
    expect(await s.ok<RecordView>(LEADER, 'records', 'create', record(await s.userId(v(4)), 60))).toMatchObject({
      state: 'pending',
      volunteerName: expect.any(String),
    });
    expect(await s.ok<RecordView>(LEADER, 'records', 'create', record(await s.userId(SECOND_LEADER), 60))).toMatchObject({ state: 'pending' });
  });

  it('refuses dates before the back-dating limit unless an admin records them, and an admin only within a year', async () => {
    const ann = await s.userId(v(4));
    const old = await s.call(LEADER, 'records', 'create', record(ann, 60, { date: '1990-01-01' }));
    expect(old).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ path: 'date' }] } });
    expect(old.ok ? '' : old.error.message).toContain('30 天内');
    // Dates as people read them, never 2026-10-29; the year only when it is not this year.
    expect(old.ok ? '' : old.error.message).toContain('最早 10月29日）');
    const tooOld = await s.call(ADMIN, 'records', 'create', record(ann, 60, { date: '2025-11-01' }));
    expect(tooOld.ok ? '' : tooOld.error.message).toBe('只能补登一年内的服务（最早 2025年11月27日）');
    expect(await s.call(LEADER, 'records', 'create', record(ann, 60, { date: daysAgo(31) }))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await s.ok<RecordView>(LEADER, 'records', 'create', record(ann, 60, { date: daysAgo(30) }))).toMatchObject({ date: daysAgo(30) });

    expect(await s.call(ADMIN, 'records', 'create', record(ann, 60, { date: '1990-01-01' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const byAdmin = await s.ok<RecordView>(ADMIN, 'records', 'create', record(ann, 60, { date: daysAgo(60) }));
    // Back-dated beyond a week: it needs a second approver.
    expect(byAdmin.secondApproval?.reasons.join()).toContain('补登');

    // The limit is policy: an admin widens it to 90 days and the leader may then go back 60.
    await s.ok(ADMIN, 'timebank', 'setPolicy', { maxBackdateDays: 90 });
    expect(await s.ok<RecordView>(LEADER, 'records', 'create', record(ann, 60, { date: daysAgo(60) }))).toMatchObject({ date: daysAgo(60) });
    expect(await s.call(ADMIN, 'timebank', 'setPolicy', { secondApprovalBackdateDays: 100 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await s.call(ADMIN, 'timebank', 'setPolicy', { maxDailyMinutes: 600 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('the daily maximum across every source', () => {
  it('three 720-minute records and an activity check-out for one person and day never credit more than 720', async () => {
    const ann = await s.userId(v(4));
    const records: RecordView[] = [];
    for (let i = 0; i < 3; i++) records.push(await s.ok<RecordView>(LEADER, 'records', 'create', record(ann, 720, { content: `照料老人第 ${i + 1} 次` })));

    // The first: 720 minutes need two approvers, then it is credited.
    await s.ok(LEADER, 'records', 'approve', { recordId: records[0]!.id });
    expect(await s.ok<RecordView>(ADMIN, 'records', 'approve', { recordId: records[0]!.id })).toMatchObject({ state: 'approved' });
    expect(await balanceOf(v(4))).toBe(720);

    // The others do not fit the day: refused at the first approval already, and by the admin.
    for (const r of records.slice(1)) {
      const refused = await s.call(LEADER, 'records', 'approve', { recordId: r.id });
      expect(refused).toMatchObject({ ok: false, error: { code: 'DAILY_LIMIT' } });
      expect(refused.ok ? '' : refused.error.message).toContain('已不能再记');
      expect(await s.call(ADMIN, 'records', 'approve', { recordId: r.id })).toMatchObject({ ok: false, error: { code: 'DAILY_LIMIT' } });
    }

    // An activity of the same day: the check-out record is refused as well.
    s.clock.now = new Date('2026-11-27T00:00:00.000Z');
    const a = await s.createActivity(LEADER, { category: 'culture', date: TODAY, startTime: '08:00', endTime: '20:00' });
    await s.ok(v(4), 'activities', 'signup', { activityId: a.id });
    s.clock.now = new Date(NOW);
    const present = await s.ok<ActivitiesResults['markAttendance']>(LEADER, 'activities', 'markAttendance', {
      activityId: a.id,
      userId: ann,
      mark: 'present',
      minutes: 300,
    });
    expect(await s.call(SECOND_LEADER, 'records', 'approve', { recordId: present.recordId })).toMatchObject({ ok: false, error: { code: 'DAILY_LIMIT' } });
    expect(await balanceOf(v(4))).toBe(720);
    expect(await dayOf(v(4))).toBe(720);

    // Reversing the first frees the day: the activity's 300 fit, then a hand-written 400, and
    // the next hour is refused with what is left (20 minutes).
    await s.ok(ADMIN, 'records', 'reverse', { recordId: records[0]!.id, reason: '重复登记' });
    expect(await dayOf(v(4))).toBe(0);
    expect(await s.ok<RecordView>(SECOND_LEADER, 'records', 'approve', { recordId: present.recordId })).toMatchObject({ state: 'approved' });
    const more = await s.ok<RecordView>(LEADER, 'records', 'create', record(ann, 400, { category: 'culture' }));
    await s.ok(SECOND_LEADER, 'records', 'approve', { recordId: more.id });
    const hour = await s.ok<RecordView>(LEADER, 'records', 'create', record(ann, 60));
    const left = await s.call(SECOND_LEADER, 'records', 'approve', { recordId: hour.id });
    expect(left).toMatchObject({ ok: false, error: { code: 'DAILY_LIMIT', details: { leftMinutes: 20 } } });
    expect(left.ok ? '' : left.error.message).toContain('还能记 20分');
    expect(left.ok ? '' : left.error.message).toMatch(/^\S+ 11月28日已记服务/);
    expect(await balanceOf(v(4))).toBe(700);
    expect(await dayOf(v(4))).toBe(700);
    // Another day has its own room. (By the other leader: this would be the first leader's sixth
    // record for 安 this week, which needs two approvers.)
    const yesterday = await s.ok<RecordView>(SECOND_LEADER, 'records', 'create', record(ann, 60, { date: daysAgo(1) }));
    expect(yesterday.secondApproval).toBeNull();
    expect(await s.ok<RecordView>(LEADER, 'records', 'approve', { recordId: yesterday.id })).toMatchObject({ state: 'approved' });
    expect(await dayOf(v(4), daysAgo(1))).toBe(60);
  });

  it('approvals racing for the same person and day never go over the maximum', async () => {
    const bob = await s.userId(v(6));
    const records: RecordView[] = [];
    // Three each from two recorders: none is unusual (a fifth from one recorder would need two approvers).
    for (let i = 0; i < 6; i++) {
      const recorder = i < 3 ? LEADER : SECOND_LEADER;
      const r = await s.ok<RecordView>(recorder, 'records', 'create', record(bob, 300, { content: `陪同就医第 ${i + 1} 次` }));
      records.push(r);
    }
    expect(records.some((r) => r.secondApproval)).toBe(false);
    const approvers = [LEADER, SECOND_LEADER, ADMIN];
    const results = await Promise.all(records.map((r, i) => s.call<RecordView>(approvers[i % 3]!, 'records', 'approve', { recordId: r.id })));
    const approved = results.filter((r) => r.ok);
    expect(approved).toHaveLength(2);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['DAILY_LIMIT', 'DAILY_LIMIT', 'DAILY_LIMIT', 'DAILY_LIMIT']);
    expect(await balanceOf(v(6))).toBe(600);
    expect(await dayOf(v(6))).toBe(600);
    const team = await s.ok<{ items: RecordView[] }>(LEADER, 'records', 'team', { teamId: 't_patrol', state: 'approved', limit: 50 });
    expect(team.items.filter((r) => r.volunteerId === bob).reduce((sum, r) => sum + r.minutes.minutes, 0)).toBe(600);
  });
});

describe('a second approver for unusual records', () => {
  it('the first approval waits; the same leader and the recorder are refused; another leader finishes it, credited once', async () => {
    const ann = await s.userId(v(4));
    const long = await s.ok<RecordView>(LEADER, 'records', 'create', record(ann, 600));
    expect(long).toMatchObject({
      secondApproval: { reasons: [expect.stringContaining('超过 8小时')], firstApproverName: null },
      awaitingSecondApproval: false,
      canApprove: true,
    });

    const first = await s.ok<RecordView>(LEADER, 'records', 'approve', { recordId: long.id });
    expect(first).toMatchObject({ state: 'pending', awaitingSecondApproval: true, canApprove: false, transferId: null });
    expect(first.secondApproval?.firstApproverName).toBeTruthy();
    expect(await balanceOf(v(4))).toBe(0);

    const again = await s.call(LEADER, 'records', 'approve', { recordId: long.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'SECOND_APPROVAL_NEEDED' } });
    expect(again.ok ? '' : again.error.message).toContain('另一位队长');

    // The other leader sees it waiting for them.
    const queue = await s.ok<{ items: RecordView[] }>(SECOND_LEADER, 'records', 'team', { teamId: 't_patrol', state: 'pending' });
    expect(queue.items.find((r) => r.id === long.id)).toMatchObject({ awaitingSecondApproval: true, canApprove: true });

    const done = await s.ok<RecordView>(SECOND_LEADER, 'records', 'approve', { recordId: long.id });
    expect(done).toMatchObject({ state: 'approved', transferId: `earn:${long.id}` });
    await s.ok(ADMIN, 'records', 'approve', { recordId: long.id });
    expect(await balanceOf(v(4))).toBe(600);
    const told = (await s.ok<{ items: Array<{ kind: string; body: string }> }>(v(4), 'inbox', 'list', { limit: 20 })).items.find(
      (m) => m.kind === 'record.approved',
    );
    expect(told?.body).toMatch(/^您 11月28日的“帮助独居老人打扫卫生”服务 10小时 已审核通过/);

    // Recorded by one leader, first approved by the other: the recorder may not give the second.
    const other = await s.ok<RecordView>(LEADER, 'records', 'create', record(ann, 540, { date: daysAgo(1) }));
    await s.ok(SECOND_LEADER, 'records', 'approve', { recordId: other.id });
    const byRecorder = await s.call(LEADER, 'records', 'approve', { recordId: other.id });
    expect(byRecorder).toMatchObject({ ok: false, error: { code: 'SECOND_APPROVAL_NEEDED' } });
    expect(byRecorder.ok ? '' : byRecorder.error.message).toContain('登记人不能复核');
    expect(await s.ok<RecordView>(ADMIN, 'records', 'approve', { recordId: other.id })).toMatchObject({ state: 'approved' });
    expect(await balanceOf(v(4))).toBe(1140);
  });

  it('a team with one leader needs an admin; back-dated and repeated records need two approvals too', async () => {
    const cat = await s.userId(v(10));
    const paws = await s.ok<RecordView>(PAWS_LEADER, 'records', 'create', { ...record(cat, 500), teamId: 't_paws' });
    await s.ok(PAWS_LEADER, 'records', 'approve', { recordId: paws.id });
    const alone = await s.call(PAWS_LEADER, 'records', 'approve', { recordId: paws.id });
    expect(alone).toMatchObject({ ok: false, error: { code: 'SECOND_APPROVAL_NEEDED' } });
    expect(alone.ok ? '' : alone.error.message).toContain('街道管理员');
    expect(await s.ok<RecordView>(ADMIN, 'records', 'approve', { recordId: paws.id })).toMatchObject({ state: 'approved', approverName: '街道管理员' });
    expect(await balanceOf(v(10))).toBe(500);

    const dan = await s.userId(v(8));
    const backdated = await s.ok<RecordView>(LEADER, 'records', 'create', record(dan, 60, { date: daysAgo(8) }));
    expect(backdated.secondApproval?.reasons).toEqual([expect.stringContaining('补登 7 天以前')]);
    expect(await s.ok<RecordView>(LEADER, 'records', 'create', record(dan, 60, { date: daysAgo(7) }))).toMatchObject({ secondApproval: null });

    // The recorder's fifth hand-written record for the same person within a week.
    for (let i = 0; i < 2; i++) expect(await s.ok<RecordView>(LEADER, 'records', 'create', record(dan, 30))).toMatchObject({ secondApproval: null });
    const fifth = await s.ok<RecordView>(LEADER, 'records', 'create', record(dan, 30));
    expect(fifth.secondApproval?.reasons).toEqual([expect.stringContaining('第 5 条')]);
    // Another recorder starts their own count.
    expect(await s.ok<RecordView>(SECOND_LEADER, 'records', 'create', record(dan, 30))).toMatchObject({ secondApproval: null });
  });
});

describe('who hears of a record waiting for 复核, and where the admin finds it', () => {
  type Inbox = { items: Array<{ kind: string; title: string; body: string; page: string }>; unread: number };
  const reviewNotices = async (openid: string) =>
    (await s.ok<Inbox>(openid, 'inbox', 'list', { limit: 50 })).items.filter((m) => m.kind === 'record.awaitingReview');
  type Queue = { items: RecordView[]; next: string | null; count: number };

  it('a team with one leader: the street admin is told, with a link to the team approvals, and finds it in awaitingReview', async () => {
    const cat = await s.userId(v(10));
    const paws = await s.ok<RecordView>(PAWS_LEADER, 'records', 'create', { ...record(cat, 500), teamId: 't_paws' });
    expect((await s.ok<Queue>(ADMIN, 'records', 'awaitingReview', {})).count).toBe(0);
    await s.ok(PAWS_LEADER, 'records', 'approve', { recordId: paws.id });

    const notices = await reviewNotices(ADMIN);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain('复核');
    expect(notices[0]!.body).toContain('8小时20分');
    expect(notices[0]!.page).toBe('/packages/leader/approvals/index?teamId=t_paws');
    // The first approver is not told to review what they cannot.
    expect(await reviewNotices(PAWS_LEADER)).toHaveLength(0);
    // A refused second try by the same leader tells nobody again.
    await s.call(PAWS_LEADER, 'records', 'approve', { recordId: paws.id });
    expect(await reviewNotices(ADMIN)).toHaveLength(1);

    const queue = await s.ok<Queue>(ADMIN, 'records', 'awaitingReview', {});
    expect(queue.count).toBe(1);
    expect(queue.items.map((r) => r.id)).toEqual([paws.id]);
    expect(queue.items[0]).toMatchObject({ awaitingSecondApproval: true, canApprove: true, teamName: expect.any(String) });
    // Only the admin reads the street-wide queue.
    expect(await s.call(PAWS_LEADER, 'records', 'awaitingReview', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await s.ok(ADMIN, 'records', 'approve', { recordId: paws.id });
    expect(await s.ok<Queue>(ADMIN, 'records', 'awaitingReview', {})).toMatchObject({ count: 0, items: [] });
  });

  it('a team’s only leader recording their own service: the record waits for the street, in the queue, until another leader may approve it', async () => {
    const me = await s.userId(PAWS_LEADER);
    const own = [];
    for (const days of [3, 2, 1])
      own.push(await s.ok<RecordView>(PAWS_LEADER, 'records', 'create', { ...record(me, 30, { date: daysAgo(days) }), teamId: 't_paws' }));
    // Another member's record is the leader's to approve, not the street's.
    await s.ok<RecordView>(PAWS_LEADER, 'records', 'create', { ...record(await s.userId(v(10)), 30), teamId: 't_paws' });

    // The admin is told of each of the three (nothing else would bring them to the queue), not of the member's.
    const toStreet = (await s.ok<Inbox>(ADMIN, 'inbox', 'list', { limit: 50 })).items.filter((m) => m.kind === 'record.awaitingStreet');
    expect(toStreet).toHaveLength(3);
    expect(toStreet[0]).toMatchObject({ title: '有服务记录等街道审核', page: '/packages/leader/approvals/index?teamId=street-review' });
    expect(toStreet[0]!.body).toMatch(/本队没有别的队长能审核/);
    expect(toStreet.map((m) => m.body).join()).not.toContain((await s.ok<{ profile: { name: string } }>(v(10), 'account', 'me')).profile.name);
    // Nobody else hears of it, the leader who recorded it included.
    const leaderInbox = (await s.ok<Inbox>(PAWS_LEADER, 'inbox', 'list', { limit: 50 })).items;
    expect(leaderInbox.filter((m) => m.kind === 'record.awaitingStreet')).toHaveLength(0);

    const first = await s.ok<Queue>(ADMIN, 'records', 'awaitingReview', { limit: 2 });
    expect(first.count).toBe(3);
    expect(first.items.map((r) => r.id)).toEqual([own[0]!.id, own[1]!.id]);
    expect(first.items[0]).toMatchObject({ awaitingSecondApproval: false, canApprove: true });
    const second = await s.ok<Queue>(ADMIN, 'records', 'awaitingReview', { limit: 2, after: first.next! });
    expect(second).toMatchObject({ count: 3, next: null });
    expect(second.items.map((r) => r.id)).toEqual([own[2]!.id]);
    // The leader sees them wait for someone else.
    const teamQueue = await s.ok<{ items: RecordView[] }>(PAWS_LEADER, 'records', 'team', { teamId: 't_paws', state: 'pending' });
    expect(teamQueue.items.filter((r) => r.volunteerId === me).every((r) => !r.canApprove)).toBe(true);

    // An approval by the admin takes one off the queue.
    await s.ok(ADMIN, 'records', 'approve', { recordId: own[0]!.id });
    expect((await s.ok<Queue>(ADMIN, 'records', 'awaitingReview', {})).count).toBe(2);
    // Who may approve is read now: with a second leader on the team, the records are theirs.
    await s.ok(ADMIN, 'admin', 'grantRole', { userId: await s.userId(v(11)), role: 'leader', teamId: 't_paws' });
    expect(await s.ok<Queue>(ADMIN, 'records', 'awaitingReview', {})).toMatchObject({ count: 0, items: [], next: null });
    // …and a new one of the leader's own is theirs: the street is not told.
    await s.ok<RecordView>(PAWS_LEADER, 'records', 'create', { ...record(me, 30, { date: daysAgo(4) }), teamId: 't_paws' });
    expect((await s.ok<Inbox>(ADMIN, 'inbox', 'list', { limit: 50 })).items.filter((m) => m.kind === 'record.awaitingStreet')).toHaveLength(3);
  });

  it('an admin who records a team’s only leader’s service is not told of it again', async () => {
    const created = await s.ok<RecordView>(ADMIN, 'records', 'create', { ...record(await s.userId(PAWS_LEADER), 60), teamId: 't_paws' });
    expect((await s.ok<Queue>(ADMIN, 'records', 'awaitingReview', {})).items.map((r) => r.id)).toEqual([created.id]);
    expect((await s.ok<Inbox>(ADMIN, 'inbox', 'list', { limit: 50 })).items.filter((m) => m.kind === 'record.awaitingStreet')).toEqual([]);
  });

  it('a team with another leader who may review: that leader is told, not the admin; when none may, the admin', async () => {
    const ann = await s.userId(v(4));
    const long = await s.ok<RecordView>(LEADER, 'records', 'create', record(ann, 600));
    await s.ok(LEADER, 'records', 'approve', { recordId: long.id });
    expect(await reviewNotices(SECOND_LEADER)).toHaveLength(1);
    expect(await reviewNotices(ADMIN)).toHaveLength(0);
    expect(await reviewNotices(LEADER)).toHaveLength(0);

    // Recorded by one leader, first approved by the other: no leader of the team may review, so the admin is told.
    const other = await s.ok<RecordView>(LEADER, 'records', 'create', record(ann, 540, { date: daysAgo(1) }));
    await s.ok(SECOND_LEADER, 'records', 'approve', { recordId: other.id });
    expect(await reviewNotices(ADMIN)).toHaveLength(1);
    expect(await reviewNotices(LEADER)).toHaveLength(0);
  });
});
