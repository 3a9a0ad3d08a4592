/**
 * The volunteer's and the leader's whole journey in the H5 build against the real server (its
 * clock moved forward by the test so the activity can take place on the next Saturday morning):
 * a leader schedules an activity, a volunteer signs up, checks in by typing the 6-digit code shown
 * under the leader's QR code, the leader checks them out from the roster and approves the record
 * in the approval queue, and the volunteer sees the hours and the credits on 我的时间.
 */
import { input, newPhone, screenshot, shown } from './support';
import { startClockHarness, type ClockHarness } from './clock';
import { api, arrive, button, nextSaturday, open, signIn, textarea } from './helpers';
import { dayLabel } from '../../src/services/dates';
import { localParts } from '../../cloudfunctions/core/domain/schedule';

let h: ClockHarness;

// The first suite to run may build the H5 app first (about a minute).
beforeAll(async () => {
  h = await startClockHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('schedule → sign up → check in and out → approve → hours and credits on 我的时间', async () => {
  const leader = await newPhone(h);
  const volunteer = await newPhone(h);
  const L = leader.page;
  const V = volunteer.page;
  // The form's default date (the next Saturday by the phone's clock); the server's clock is moved there.
  const day = nextSaturday(new Date());
  const title = '握爪行动·陪老人遛狗';
  try {
    // --- The 握爪 team leader schedules a one-off activity for next Saturday 09:00–11:00.
    await signIn(L, h.server.url, '李秀英');
    await shown(L, '.role-card', '队长工作台').click();
    await L.waitForURL(/#\/packages\/leader\/home\/index/);
    await button(L, '安排新活动').click();
    await L.waitForURL(/#\/packages\/leader\/form\/index/);
    await shown(L, '.choice', '生活照料（计时间币）').waitFor();
    await input(L, '例如 周末巡河护林').fill(title);
    await textarea(L, '做什么、要带什么、在哪里集合').fill('帮独居老人遛狗、喂猫，请带牵引绳。');
    await shown(L, '.choice', '生活照料（计时间币）').click();
    await shown(L, '.choice', '新圆湾社区广场').click();
    // Date and times are picked, never typed: the form starts on the next Saturday, 09:00–11:00.
    await shown(L, '.pick__value', dayLabel(day.date)).waitFor();
    await shown(L, '.pick__value', '09:00').waitFor();
    await shown(L, '.pick__value', '11:00').waitFor();
    await input(L, '例如 12').fill('5');
    await screenshot(L, 'j1-leader-form-filled');
    await button(L, '排好活动').click();
    await shown(L, '.notice--success', '活动已排好').waitFor();
    await button(L, '查看活动').click();
    await L.waitForURL(/#\/packages\/activity\/detail\/index/);
    await shown(L, '.greeting', title).waitFor();
    await shown(L, '.section__title', '队长工具').waitFor();

    // --- A volunteer finds it on the 活动 tab and signs up.
    await signIn(V, h.server.url, '胡海');
    await shown(V, '.weui-tabbar__label', '活动').click();
    await V.waitForURL(/#\/pages\/activities\/index/);
    await shown(V, '.activity', title).click();
    await V.waitForURL(/#\/packages\/activity\/detail\/index/);
    await button(V, '报名参加').click();
    await shown(V, '.notice--success', '报名成功').waitFor();
    await shown(V, '.tag', '已报名').waitFor();
    await screenshot(V, 'j2-volunteer-signed-up');

    // --- Tomorrow 08:58: the leader shows the QR code; the volunteer types its 6 digits.
    h.setNow(day.at('08:58'));
    await button(L, '出示签到二维码').click();
    await L.waitForURL(/#\/packages\/leader\/code\/index/);
    const codeText = shown(L, '.qr__code');
    await codeText.waitFor();
    const code = ((await codeText.textContent()) ?? '').trim();
    expect(code).toMatch(/^\d{6}$/);
    // The QR image is there (a GIF drawn from the token).
    await expect(shown(L, '.qr__image img').getAttribute('src')).resolves.toMatch(/^data:image\/gif;base64,/);
    await screenshot(L, 'j3-leader-qr-code');

    await V.reload();
    await shown(V, '.section__title', '签到签退').waitFor();
    // A wrong code is refused in place, with the reason.
    await input(V, '例如 123456').fill(code === '000000' ? '111111' : '000000');
    await button(V, '签到').click();
    await shown(V, '.notice--error', '签到码不正确').waitFor();
    await input(V, '例如 123456').fill(code);
    await button(V, '签到').click();
    await shown(V, '.notice--success', '签到成功').waitFor();
    await shown(V, '.tag', '已签到').waitFor();
    // Checked in two minutes early: 签退 is not offered before the start (the server would refuse it).
    await shown(V, '.text', /活动 .* 09:00 开始以后才能签退/).waitFor();
    expect(await V.locator('taro-button-core', { hasText: /^\s*签退\s*$/ }).count()).toBe(0);

    // --- 11:10: the leader checks the volunteer out from the roster (served 09:00–11:00).
    h.setNow(day.at('11:10'));
    await button(L, '查看名单与考勤').click();
    await L.waitForURL(/#\/packages\/leader\/roster\/index/);
    const entry = shown(L, '.roster-entry', '胡海');
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain('输入签到码');
    // Phones are masked in the roster.
    await expect(entry.textContent()).resolves.toMatch(/138\*{4}\d{4}/);
    await button(entry, '代为签退').click();
    await shown(L, '.notice--success', '已签退').waitFor();
    await shown(L, '.roster-entry .tag', '服务 2小时').waitFor();
    await screenshot(L, 'j4-leader-roster');

    // --- The approval queue: approve the record.
    await button(L, '审核服务时长').click();
    await L.waitForURL(/#\/packages\/leader\/approvals\/index/);
    const record = shown(L, '.approval', '胡海');
    await record.waitFor();
    await expect(record.textContent()).resolves.toContain('2小时');
    await screenshot(L, 'j5-leader-approvals');
    await button(record, '通过').click();
    await shown(L, '.notice--success', '已通过胡海的 2小时').waitFor();

    // --- The volunteer sees the hours and the credits on 我的时间.
    await V.goBack();
    await V.waitForURL(/#\/pages\/activities\/index/);
    await shown(V, '.weui-tabbar__label', '我的').click();
    await V.waitForURL(/#\/pages\/me\/index/);
    await shown(V, '.greeting', '我的资料').waitFor();
    await V.waitForTimeout(500);
    await shown(V, '.quick-link', '我的时间').click();
    await V.waitForURL(/#\/packages\/timebank\/home\/index/);
    // One figure, what he can use; the total shows only beside credits held for help requests.
    await shown(V, '.figure--available .figure__label', '可用时间币').waitFor();
    await shown(V, '.figure--available .figure__value', '2小时').waitFor();
    expect(await shown(V, '.figure__total').count()).toBe(0);
    await shown(V, '.star__served', '累计 2小时').waitFor();
    const rec = shown(V, '.record', title);
    await expect(rec.textContent()).resolves.toContain('已审核');
    await expect(rec.textContent()).resolves.toContain('计入时间币 2小时');
    const line = shown(V, '.statement-line', '志愿服务所得');
    await expect(line.textContent()).resolves.toContain('+2小时');
    await screenshot(V, 'j6-volunteer-my-time');

    // 我的活动 → 已参加 shows the activity with the hours served.
    await V.goBack();
    await shown(V, '.quick-link', '我的活动').click();
    await V.waitForURL(/#\/packages\/activity\/mine\/index/);
    await shown(V, '.tabs__tab', '已参加').click();
    await shown(V, '.activity', title).waitFor();
    await expect(shown(V, '.activity', title).textContent()).resolves.toContain('服务 2小时');

    // --- The leader exports the team's records for that day as an xlsx file (a download on H5).
    await open(L, h.server.url, '/packages/leader/export/index?teamId=t_paws');
    await input(L, '例如 2026-11-01').fill(day.date);
    await input(L, '例如 2026-11-30').fill(day.date);
    const [download] = await Promise.all([L.waitForEvent('download'), button(L, '导出 Excel').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await shown(L, '.notice--success', '已导出 1 条记录，共 2小时').waitFor();

    expect(leader.errors).toEqual([]);
    expect(volunteer.errors).toEqual([]);
  } finally {
    await leader.close();
    await volunteer.close();
  }
});

test('the leader approves every waiting record at once, after a second step', async () => {
  const url = h.server.url;
  // Waiting in the 握爪 queue: the seeded pet-care visit of 孙美玲, and one registered here for 朱红.
  const zhu = await api<{ profile: { id: string } }>(url, 'demo-v14', 'account', 'me');
  await api(url, 'demo-v02', 'records', 'create', {
    volunteerId: zhu.profile.id,
    teamId: 't_paws',
    category: 'daily',
    date: localParts(h.now()).date,
    place: '新圆湾社区广场',
    content: '帮独居老人喂猫',
    minutes: 60,
  });
  const before = await api<{ items: unknown[] }>(url, 'demo-v02', 'records', 'team', { teamId: 't_paws', state: 'pending' });
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, url, '李秀英');
    await open(page, url, '/packages/leader/approvals/index?teamId=t_paws');
    await arrive(page, /approvals/, '审核服务时长');
    await shown(page, '.approval', '朱红').waitFor();
    await button(page, `全部通过（${before.items.length} 条）`).click();
    await shown(page, '.confirm', `一次通过下面全部 ${before.items.length} 条记录`).waitFor();
    await button(page, '确认全部通过').click();
    await shown(page, '.notice--success', `已全部通过 ${before.items.length} 条`).waitFor();
    await shown(page, '.section__title', '没有待审核的记录').waitFor();
    const after = await api<{ items: unknown[] }>(url, 'demo-v02', 'records', 'team', { teamId: 't_paws', state: 'pending' });
    expect(after.items).toEqual([]);
    // 朱红's hour is now credits on her account.
    const balance = await api<{ balance: { minutes: number } }>(url, 'demo-v14', 'timebank', 'balance');
    expect(balance.balance.minutes).toBe(60);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('an unusual record takes two people: the leader approves first, the street admin 复核通过, and only then are credits paid', async () => {
  const url = h.server.url;
  const zhu = await api<{ profile: { id: string } }>(url, 'demo-v14', 'account', 'me');
  const balanceOfZhu = async () => (await api<{ balance: { minutes: number } }>(url, 'demo-v14', 'timebank', 'balance')).balance.minutes;
  const before = await balanceOfZhu();
  // Nine hours in one record is over the policy's 8-hour threshold for a single approver.
  await api(url, 'demo-v02', 'records', 'create', {
    volunteerId: zhu.profile.id,
    teamId: 't_paws',
    category: 'daily',
    date: localParts(h.now()).date,
    place: '新圆湾社区广场',
    content: '陪护住院的独居老人一整天',
    minutes: 540,
  });
  const leader = await newPhone(h);
  const admin = await newPhone(h);
  try {
    await signIn(leader.page, url, '李秀英');
    await open(leader.page, url, '/packages/leader/approvals/index?teamId=t_paws');
    await arrive(leader.page, /approvals/, '审核服务时长');
    const card = shown(leader.page, '.approval', '陪护住院的独居老人一整天');
    await card.filter({ hasText: '需两人审核：超过 8' }).waitFor();
    await card.locator('taro-button-core', { hasText: '通过' }).click();
    // The first approval says plainly that nothing is credited yet.
    await shown(leader.page, '.notice--info', '还需另一位队长或街道管理员复核后才记入').waitFor();
    expect(await leader.page.locator('.notice--success').count()).toBe(0);
    await card.filter({ hasText: '待复核' }).waitFor();
    await card.filter({ hasText: '这一条需由另一位队长或街道管理员审核' }).waitFor();
    await screenshot(leader.page, 'j6-leader-first-approval');
    expect(await balanceOfZhu()).toBe(before);

    await signIn(admin.page, url, '街道管理员');
    await open(admin.page, url, '/packages/leader/approvals/index?teamId=t_paws');
    await arrive(admin.page, /approvals/, '审核服务时长');
    const review = shown(admin.page, '.approval', '陪护住院的独居老人一整天');
    await review.filter({ hasText: '初审：李秀英' }).waitFor();
    await screenshot(admin.page, 'j7-admin-second-approval');
    await review.locator('taro-button-core', { hasText: '复核通过' }).click();
    await shown(admin.page, '.notice--success', '已通过朱红的 9').waitFor();
    expect(await balanceOfZhu()).toBe(before + 540);
    expect(leader.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
  } finally {
    await leader.close();
    await admin.close();
  }
});
