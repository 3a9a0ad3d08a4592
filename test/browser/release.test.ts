/**
 * Past the cancel deadline, in the H5 build against the real server (its clock moved past the
 * deadline, before the start): 刘芳 cannot come and tells the leader (来不了，告诉队长), and 王建国
 * takes her off the list on 名单与考勤, which gives her place to 徐磊 on the waitlist; both are told.
 * Screenshots go to test-results/ (rl-*.png).
 */
import type { ActivitiesResults, InboxResults } from '../../cloudfunctions/core/api';
import { api, button, open, setElder, signIn, textarea } from './helpers';
import type { RunningServer } from '../../server/serve';
import { startSeededApp } from '../support/server';
import { ensureH5Build, launchChromium, newPhone, screenshot, shown, STATIC_DIR, type Harness } from './support';

/** The server's clock: real time plus an offset the test moves. */
const clock = { offsetMs: 0 };
let h: Harness;

beforeAll(async () => {
  ensureH5Build();
  const app = await startSeededApp({ label: 'street-release', now: () => new Date(Date.now() + clock.offsetMs), staticDir: STATIC_DIR });
  const browser = await launchChromium();
  h = {
    server: { url: app.url } as RunningServer,
    browser,
    dataDir: app.dataDir,
    async stop() {
      await browser.close();
      await app.stop();
    },
  };
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('a volunteer who cannot come tells the leader; the leader releases her place to the waitlist', async () => {
  const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const created = await api<ActivitiesResults['create']>(h.server.url, 'demo-v01', 'activities', 'create', {
    teamId: 't_patrol',
    title: '清晨巡河',
    category: 'community',
    place: { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 },
    date: tomorrow,
    startTime: '09:00',
    endTime: '11:00',
    capacity: 1,
  });
  const a = created.activities[0]!;
  await api(h.server.url, 'demo-v04', 'activities', 'signup', { activityId: a.id });
  await api(h.server.url, 'demo-v11', 'activities', 'signup', { activityId: a.id });
  // Ten minutes past the cancel deadline, still before the start.
  clock.offsetMs = Date.parse(a.cancelDeadline) - Date.now() + 10 * 60_000;

  const volunteer = await newPhone(h);
  const leader = await newPhone(h);
  try {
    await signIn(volunteer.page, h.server.url, '刘芳');
    await open(volunteer.page, h.server.url, `/packages/activity/detail/index?id=${a.id}`, '.section__title');
    await shown(volunteer.page, '.muted', '不能自己取消了。来不了的话请告诉队长').waitFor();
    expect(await button(volunteer.page, '取消报名').count()).toBe(0);
    await button(volunteer.page, '来不了，告诉队长…').click();
    await textarea(volunteer.page, '例如 家里老人住院，要去陪护').fill('家里老人住院，要去陪护');
    await screenshot(volunteer.page, 'rl-cannot-come');
    await button(volunteer.page, '发给队长').click();
    await shown(volunteer.page, '.notice--info', '已给队长王建国发了消息。队长在名单上取消以前，名额还是您的').waitFor();
    await setElder(volunteer.page, true);
    // The page keeps saying it, not only right after the tap.
    await shown(volunteer.page, '.cannot-come__told', '告诉了队长来不了。队长在名单上取消以前，名额还是您的').waitFor();
    await button(volunteer.page, '再告诉队长一次…').waitFor();
    await screenshot(volunteer.page, 'rl-cannot-come-elder');
    await setElder(volunteer.page, false);

    // The leader reads it in the inbox, and opens the list.
    const told = await api<InboxResults['list']>(h.server.url, 'demo-v01', 'inbox', 'list', { limit: 20 });
    expect(told.items.find((m) => m.kind === 'signup.cannotCome')).toMatchObject({ title: '刘芳来不了' });
    await signIn(leader.page, h.server.url, '王建国');
    await open(leader.page, h.server.url, `/packages/leader/roster/index?id=${a.id}`, '.roster-entry');
    const her = leader.page.locator('.roster-entry', { hasText: '刘芳' }).filter({ visible: true }).first();
    await button(her, '取消报名…').click();
    await textarea(leader.page, '例如 本人说家里有事来不了').fill('本人说家里老人住院，来不了');
    await button(leader.page, '下一步').click();
    await shown(leader.page, '.confirm__big', '取消刘芳的报名，给刘芳发消息说明原因。空出的名额给候补第 1 位的徐磊，也给徐磊发消息。').waitFor();
    await screenshot(leader.page, 'rl-release-confirm');
    await button(leader.page, '确认取消').click();
    await shown(leader.page, '.notice--success', '已取消刘芳的报名，已给刘芳发了消息。候补的徐磊补上了，也给徐磊发了消息。').waitFor();
    await shown(leader.page, '.roster-entry', '徐磊').waitFor();
    expect(await leader.page.locator('.roster-entry', { hasText: '刘芳' }).filter({ visible: true }).count()).toBe(0);
    await screenshot(leader.page, 'rl-released');

    // Her page says it too, not only her messages.
    await volunteer.page.reload();
    await shown(volunteer.page, '.notice--warning', '王建国取消了您的报名：本人说家里老人住院，来不了。').waitFor();
    await screenshot(volunteer.page, 'rl-released-volunteer');
    const mine = await api<InboxResults['list']>(h.server.url, 'demo-v04', 'inbox', 'list', { limit: 20 });
    expect(mine.items.find((m) => m.kind === 'signup.released')?.body).toContain('：本人说家里老人住院，来不了');
    const roster = await api<ActivitiesResults['roster']>(h.server.url, 'demo-v01', 'activities', 'roster', { activityId: a.id });
    expect(roster.signed.map((e) => e.name)).toEqual(['徐磊']);
    expect(volunteer.errors).toEqual([]);
    expect(leader.errors).toEqual([]);
  } finally {
    await volunteer.close();
    await leader.close();
  }
});
