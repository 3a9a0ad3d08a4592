/** Teams: browse, join (open or with approval), leave, members with masked phones, the leader's call button. */
import type { InboxResults, TeamsResults } from '../../cloudfunctions/core/api';
import { openStreet, v, type Street } from '../support/activities';

let s: Street;
beforeEach(async () => {
  s = await openStreet();
});
afterEach(() => s.close());

describe('browsing and joining', () => {
  it('lists teams with how to join, members and next activities', async () => {
    await s.createActivity(v(1));
    const teams = await s.ok<TeamsResults['list']>(v(4), 'teams', 'list');
    const patrol = teams.items.find((t) => t.id === 't_patrol')!;
    expect(patrol).toMatchObject({ joinPolicy: 'open', memberCount: 0, myMembership: null, iLead: false, leaderNames: ['王建国'] });
    expect(patrol.nextActivities.map((a) => a.title)).toEqual(['周末巡河护林']);
    expect(teams.items.find((t) => t.id === 't_partners')?.joinPolicy).toBe('approval');
    const asLeader = await s.ok<TeamsResults['list']>(v(1), 'teams', 'list');
    expect(asLeader.items.find((t) => t.id === 't_patrol')).toMatchObject({ iLead: true, myMembership: 'member' });
  });

  it('joins an open team at once, refuses a second join, and leaves', async () => {
    const joined = await s.ok<TeamsResults['join']>(v(4), 'teams', 'join', { teamId: 't_patrol' });
    expect(joined).toMatchObject({ teamId: 't_patrol', state: 'member' });
    expect(await s.call(v(4), 'teams', 'join', { teamId: 't_patrol' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '您已经是这个队伍的队员了' },
    });
    const detail = await s.ok<TeamsResults['detail']>(v(4), 'teams', 'detail', { teamId: 't_patrol' });
    expect(detail).toMatchObject({ memberCount: 1, myMembership: 'member', leaders: [{ name: '王建国' }] });
    expect((await s.ok<TeamsResults['mine']>(v(4), 'teams', 'mine')).items.map((m) => m.teamId)).toEqual(['t_patrol']);
    await s.ok(v(4), 'teams', 'leave', { teamId: 't_patrol' });
    expect((await s.ok<TeamsResults['detail']>(v(4), 'teams', 'detail', { teamId: 't_patrol' })).memberCount).toBe(0);
    expect(await s.call(v(4), 'teams', 'leave', { teamId: 't_patrol' })).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });
    // Re-joining after leaving works.
    expect(await s.ok(v(4), 'teams', 'join', { teamId: 't_patrol' })).toMatchObject({ state: 'member' });
  });

  it('counts leaders and members apart, as the member list shows them, also a member made leader', async () => {
    for (const n of [4, 6, 8]) await s.ok(v(n), 'teams', 'join', { teamId: 't_patrol' });
    await s.ok('demo-admin', 'admin', 'grantRole', { userId: await s.userId(v(6)), role: 'leader', teamId: 't_patrol' });
    const detail = await s.ok<TeamsResults['detail']>(v(1), 'teams', 'detail', { teamId: 't_patrol' });
    const list = await s.ok<TeamsResults['members']>(v(1), 'teams', 'members', { teamId: 't_patrol', limit: 100 });
    expect(list.items.filter((m) => m.isLeader)).toHaveLength(2);
    expect(list.items.filter((m) => !m.isLeader)).toHaveLength(2);
    expect(detail).toMatchObject({ leaderCount: 2, memberCount: 2 });
    const card = (await s.ok<TeamsResults['list']>(v(1), 'teams', 'list')).items.find((t) => t.id === 't_patrol');
    expect(card).toMatchObject({ leaderCount: 2, memberCount: 2 });
  });

  it('a leader cannot leave their own team', async () => {
    expect(await s.call(v(1), 'teams', 'leave', { teamId: 't_patrol' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE', message: expect.stringContaining('队长不能退出') },
    });
  });

  it('an approval team waits for its leader, who is told; another team’s leader cannot decide', async () => {
    const applied = await s.ok<TeamsResults['join']>(v(4), 'teams', 'join', { teamId: 't_partners', note: '我住在新圆湾，白天有空' });
    expect(applied.state).toBe('pending');
    expect(await s.call(v(4), 'teams', 'join', { teamId: 't_partners' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '您已提交申请，请等待队长审核' },
    });
    const leaderInbox = await s.ok<InboxResults['list']>(v(5), 'inbox', 'list');
    expect(leaderInbox.unread).toBe(1);
    expect(leaderInbox.items[0]).toMatchObject({ kind: 'team.joinRequest', teamId: 't_partners', body: expect.stringContaining('刘芳') });

    const applicant = await s.userId(v(4));
    const before = s.snapshot();
    expect(await s.call(v(2), 'teams', 'decide', { teamId: 't_partners', userId: applicant, approve: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(s.snapshot()).toBe(before);

    const pending = await s.ok<TeamsResults['members']>(v(5), 'teams', 'members', { teamId: 't_partners', state: 'pending' });
    expect(pending.items).toEqual([expect.objectContaining({ userId: applicant, state: 'pending', note: '我住在新圆湾，白天有空' })]);
    expect(await s.ok(v(5), 'teams', 'decide', { teamId: 't_partners', userId: applicant, approve: true })).toMatchObject({ state: 'member' });
    expect(await s.call(v(5), 'teams', 'decide', { teamId: 't_partners', userId: applicant, approve: true })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE' },
    });
    const inbox = await s.ok<InboxResults['list']>(v(4), 'inbox', 'list');
    expect(inbox.items[0]).toMatchObject({ kind: 'team.approved', read: false });
    await s.ok(v(4), 'inbox', 'markRead', { all: true });
    expect(await s.ok(v(4), 'inbox', 'unreadCount')).toEqual({ unread: 0 });
  });

  it('a refusal tells the applicant why', async () => {
    await s.ok(v(6), 'teams', 'join', { teamId: 't_partners' });
    await s.ok(v(5), 'teams', 'decide', { teamId: 't_partners', userId: await s.userId(v(6)), approve: false, reason: '本月结对名额已满' });
    const inbox = await s.ok<InboxResults['list']>(v(6), 'inbox', 'list');
    expect(inbox.items[0]).toMatchObject({ kind: 'team.rejected', body: expect.stringContaining('本月结对名额已满') });
  });

  it('only the admin creates teams; a leader edits how to join, not the name', async () => {
    const created = await s.ok<TeamsResults['create']>('demo-admin', 'teams', 'create', {
      name: '智能手机助老队',
      description: '教老人用智能手机、防诈骗',
      joinPolicy: 'approval',
    });
    expect(created).toMatchObject({ name: '智能手机助老队', joinPolicy: 'approval' });
    expect(await s.call(v(1), 'teams', 'create', { name: '某某队', description: '简介' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.ok(v(1), 'teams', 'update', { teamId: 't_patrol', joinPolicy: 'approval' })).toMatchObject({ joinPolicy: 'approval' });
    expect(await s.call(v(1), 'teams', 'update', { teamId: 't_patrol', name: '新名字队' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.call(v(1), 'teams', 'update', { teamId: 't_paws', joinPolicy: 'open' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('members and the call button', () => {
  beforeEach(async () => {
    for (const n of [4, 6, 7]) await s.ok(v(n), 'teams', 'join', { teamId: 't_patrol' });
  });

  it('shows the leader every member with a masked phone only', async () => {
    const page = await s.ok<TeamsResults['members']>(v(1), 'teams', 'members', { teamId: 't_patrol' });
    // The leader first; members joined at the same instant here, so their order is by id.
    expect(page.items[0]!.name).toBe('王建国');
    expect(
      page.items
        .map((m) => m.name)
        .slice(1)
        .sort(),
    ).toEqual(['刘芳', '杨丽华', '赵明'].sort());
    expect(page.items[0]).toMatchObject({ isLeader: true });
    for (const m of page.items) expect(m.phoneMasked).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(JSON.stringify(page)).not.toMatch(/1380000\d{4}/);
    expect(await s.call(v(4), 'teams', 'members', { teamId: 't_patrol' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.call(v(2), 'teams', 'members', { teamId: 't_patrol' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('gives the full number to a leader of the team only, and audits each look-up', async () => {
    const target = await s.userId(v(4));
    const auditCount = () => s.world.store.count('audit', { kind: 'phone.view' });
    const phone = await s.ok<TeamsResults['memberPhone']>(v(1), 'teams', 'memberPhone', { teamId: 't_patrol', userId: target });
    expect(phone).toEqual({ userId: target, name: '刘芳', phone: '13800000103' });
    expect(await auditCount()).toBe(1);
    const audit = await s.world.store.find<{ _id: string; actorId: string; subjectId: string; detail: unknown }>('audit', {
      where: { kind: 'phone.view' },
      limit: 10,
    });
    expect(audit.items[0]).toMatchObject({ actorId: await s.userId(v(1)), subjectId: target, detail: { teamId: 't_patrol', purpose: 'call' } });

    // Another team's leader, the admin, a member: no number, no audit entry.
    expect(await s.call(v(2), 'teams', 'memberPhone', { teamId: 't_patrol', userId: target })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.call('demo-admin', 'teams', 'memberPhone', { teamId: 't_patrol', userId: target })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await s.call(v(6), 'teams', 'memberPhone', { teamId: 't_patrol', userId: target })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Someone with no tie to the team.
    expect(await s.call(v(1), 'teams', 'memberPhone', { teamId: 't_patrol', userId: await s.userId(v(9)) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await auditCount()).toBe(1);
    // Nor is the number ever kept in the idempotency records.
    expect(s.snapshot()).not.toContain('13800000103');
  });

  it('a leader may call a non-member who signed up for the team’s activity', async () => {
    const a = await s.createActivity(v(1));
    await s.ok(v(9), 'activities', 'signup', { activityId: a.id });
    const phone = await s.ok<TeamsResults['memberPhone']>(v(1), 'teams', 'memberPhone', { teamId: 't_patrol', userId: await s.userId(v(9)) });
    expect(phone.phone).toBe('13800000108');
  });
});
