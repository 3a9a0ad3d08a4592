/**
 * 本队服务记录, in the H5 build against the real server: 王建国 (leader of t_patrol) opens his team's
 * records from 队长工作台, reads 刘芳's 异议 about one record's minutes beside it (and, from the message
 * about it, on the 有异议 tab that lists only the disputed records), and takes back
 * another approved record: the page asks for a reason and says what will happen before anything
 * is sent, then says what did (the credits reversed, the message sent), and opens 登记服务记录 with
 * the old record's details to record the right hours, which then wait on 审核服务时长. 刘芳 finds the
 * message in her inbox and the record 已撤销 on 我的时间, her credits really lower. Elder mode too.
 * Screenshots: tr-*.png.
 */
import { api, button, open, setElder, signIn, textarea } from './helpers';
import { input, newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

/** 王建国 records a service of today for 刘芳 and approves it, over the API. */
async function approvedForFang(content: string, minutes: number): Promise<{ id: string }> {
  const url = h.server.url;
  const fang = (await api<{ profile: { id: string } }>(url, 'demo-v04', 'account', 'me')).profile.id;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const record = await api<{ id: string }>(url, 'demo-v01', 'records', 'create', {
    volunteerId: fang,
    teamId: 't_patrol',
    category: 'daily',
    date: today,
    place: '滨江步道北入口',
    content,
    minutes,
  });
  await api(url, 'demo-v01', 'records', 'approve', { recordId: record.id });
  return record;
}

const balanceOf = async (openid: string) => (await api<{ balance: { minutes: number } }>(h.server.url, openid, 'timebank', 'balance')).balance.minutes;

test('a leader reads a member’s 异议 beside the record and takes back an approved record, and the member is told', async () => {
  const url = h.server.url;
  // Three more members, so the team has more than eight and 登记服务记录 offers a search.
  for (const openid of ['demo-v11', 'demo-v12', 'demo-v13']) await api(url, openid, 'teams', 'join', { teamId: 't_patrol' });
  const disputed = await approvedForFang('巡河测水质', 60);
  await api(url, 'demo-v04', 'records', 'appeal', { recordId: disputed.id, reason: '测到 11 点，签退晚扫了', minutes: 120 });
  await approvedForFang('重复登记的巡河', 90);
  const before = await balanceOf('demo-v04');

  const leader = await newPhone(h);
  const volunteer = await newPhone(h);
  try {
    const l = leader.page;
    await signIn(l, url, '王建国');
    // His home's 我的下一个活动 is the patrol he leads, though he signed up for nothing.
    await shown(l, '.next-activity', '您带队的活动：').waitFor();
    await shown(l, '.next-activity .activity__title', '周末巡河护林').waitFor();
    await open(l, url, '/packages/leader/home/index');
    await button(l, '本队服务记录').first().click();
    await l.waitForURL(/#\/packages\/leader\/records\/index/);
    // The 异议 sits under its record, with both figures and where it stands.
    const withAppeal = l.locator('.team-record', { hasText: '巡河测水质' });
    await shown(l, '.team-record .record__appeal--open', '测到 11 点，签退晚扫了').waitFor();
    await withAppeal.getByText('本人认为应记 2小时（记录是 1小时）').waitFor();
    await withAppeal.getByText('街道正在调解').waitFor();
    await screenshot(l, 'tr-leader-records');

    // The message about the 异议 opens the 有异议 tab: the disputed record, and no other.
    await open(l, url, '/packages/inbox/home/index');
    const told = l.locator('.message', { hasText: '测到 11 点，签退晚扫了' });
    await button(told, '查看').click();
    await l.waitForURL(/#\/packages\/leader\/records\/index\?teamId=t_patrol&show=appealed/);
    await shown(l, '.tabs__tab--on', '有异议').waitFor();
    await shown(l, '.team-record', '巡河测水质').waitFor();
    expect(await l.locator('.team-record', { hasText: '重复登记的巡河' }).count()).toBe(0);
    await screenshot(l, 'tr-leader-appealed');
    await shown(l, '.tabs__tab', '全部').click();
    await shown(l, '.team-record', '重复登记的巡河').waitFor();

    // Taking the duplicate back: a reason is required, and the page says what will happen first.
    const duplicate = l.locator('.team-record', { hasText: '重复登记的巡河' });
    await button(duplicate, '撤销这条记录').click();
    await duplicate.getByText('撤销刘芳的 1小时30分：发放的时间币会收回').waitFor();
    await button(duplicate, '确认撤销').click();
    await shown(l, '.field__error', '请填写撤销原因').waitFor();
    expect(await balanceOf('demo-v04')).toBe(before);
    await textarea(l, '例如 重复登记、登记错了队员').fill('和上午那条重复登记了');
    await screenshot(l, 'tr-leader-reverse-step');
    await button(duplicate, '确认撤销').click();
    await shown(l, '.notice', '已撤销刘芳的 1小时30分，发放的时间币已收回，已给刘芳发了站内消息。').waitFor();
    await shown(l, '.team-record', '撤销原因：和上午那条重复登记了').waitFor();
    expect(await balanceOf('demo-v04')).toBe(before - 90);

    // A correction is a new record: the page opens the form with the old one's details.
    await button(l, '登记正确的记录').click();
    await l.waitForURL(/#\/packages\/leader\/new-record\/index/);
    await shown(l, '.text', '更正已撤销的记录：重复登记的巡河').waitFor();
    await shown(l, '.choice--on', '刘芳').waitFor();
    // More than eight members: a name narrows the list, and the member already chosen stays in it.
    await input(l, '输入姓名中的一个字也可以').fill('钱');
    await shown(l, '.notice', '本队没有名字里有“钱”的队员').waitFor();
    await shown(l, '.choice--on', '刘芳').waitFor();
    const memberChoices = l.locator('.field', { hasText: '队员 *' }).locator('.choice');
    expect(await memberChoices.count()).toBe(1);
    await input(l, '输入姓名中的一个字也可以').fill('');
    expect(await memberChoices.count()).toBeGreaterThan(8);
    await button(l, '登记').click();
    await shown(l, '.field__error', '请写小时数').waitFor();
    await input(l, '例如 1.5').fill('1');
    await screenshot(l, 'tr-leader-new-record');
    await button(l, '登记').click();
    await shown(l, '.notice', '已登记刘芳的 1小时，等待审核。').waitFor();
    const pending = await api<{ items: Array<{ content: string; minutes: { minutes: number }; state: string }> }>(url, 'demo-v01', 'records', 'team', {
      teamId: 't_patrol',
      state: 'pending',
    });
    expect(pending.items.filter((r) => r.content === '重复登记的巡河').map((r) => r.minutes.minutes)).toEqual([60]);
    await button(l, '去审核').click();
    await shown(l, '.approval', '重复登记的巡河').waitFor();

    // The same page in elder mode: the record, its tags and the quiet action stay readable.
    await setElder(l, true);
    await open(l, url, '/packages/leader/records/index?teamId=t_patrol');
    await shown(l, '.team-record', '巡河测水质').waitFor();
    await screenshot(l, 'tr-leader-records-elder');

    // 刘芳 is told, and her 我的时间 says the record was taken back and why.
    const v = volunteer.page;
    await signIn(v, url, '刘芳');
    await open(v, url, '/packages/inbox/home/index');
    await shown(v, '.message', '服务时长已撤销').waitFor();
    await shown(v, '.message', '原因：和上午那条重复登记了').waitFor();
    await open(v, url, '/packages/timebank/home/index');
    const line = v.locator('.record', { hasText: '重复登记的巡河' });
    await line.getByText('已撤销').first().waitFor();
    await screenshot(v, 'tr-volunteer-reversed');
    expect(leader.errors).toEqual([]);
    expect(volunteer.errors).toEqual([]);
  } finally {
    await leader.close();
    await volunteer.close();
  }
});
