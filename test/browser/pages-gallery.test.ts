/**
 * Every page of the activities and time-bank features, in normal and in elder mode, with real
 * data (the demo street plus a few calls made here: a cancelled and a moved activity for the
 * inbox, two records waiting for approval). Screenshots go to test-results/p-*.png; in elder mode
 * each page must meet the 适老化 rules (text >= 18 px, line height >= 1.3, tap targets >= 60 px).
 * The server clock is set to 30 minutes before the first weekly patrol, so the check-in code
 * and the roster are live.
 */
import type { Page } from 'playwright-core';
import type { ActivityView } from '../../cloudfunctions/core/api';
import { localParts } from '../../cloudfunctions/core/domain/schedule';
import { elderReport, newPhone, screenshot, shown } from './support';
import { startClockHarness, type ClockHarness } from './clock';
import { api, open, signIn } from './helpers';

let h: ClockHarness;
let patrol: ActivityView;
let paws: ActivityView;

// The first suite to run may build the H5 app first (about a minute).
beforeAll(async () => {
  h = await startClockHarness();
  const url = h.server.url;
  const list = await api<{ items: ActivityView[] }>(url, 'demo-v01', 'activities', 'list', { teamId: 't_patrol', limit: 1 });
  patrol = list.items[0]!;
  // Messages for 刘芳 (demo-v04): a cancelled 握爪 event and a moved study walk.
  paws = (await api<{ items: ActivityView[] }>(url, 'demo-v02', 'activities', 'list', { teamId: 't_paws', limit: 1 })).items[0]!;
  const walk = (await api<{ items: ActivityView[] }>(url, 'demo-v03', 'activities', 'list', { teamId: 't_waterfront', limit: 1 })).items[0]!;
  await api(url, 'demo-v04', 'activities', 'signup', { activityId: paws.id });
  await api(url, 'demo-v04', 'activities', 'signup', { activityId: walk.id });
  await api(url, 'demo-v02', 'activities', 'cancel', { activityId: paws.id, reason: '暴雨预警，改期另行通知' });
  await api(url, 'demo-v03', 'activities', 'update', { activityId: walk.id, changes: { startTime: '14:30', endTime: '17:00' } });
  // Two records waiting in the patrol leader's approval queue.
  const v06 = await api<{ profile: { id: string } }>(url, 'demo-v06', 'account', 'me');
  const v07 = await api<{ profile: { id: string } }>(url, 'demo-v07', 'account', 'me');
  for (const [person, minutes] of [
    [v06.profile.id, 90],
    [v07.profile.id, 120],
  ] as const) {
    await api(url, 'demo-v01', 'records', 'create', {
      volunteerId: person,
      teamId: 't_patrol',
      category: 'community',
      date: localParts(new Date()).date,
      place: '滨江步道北入口',
      content: '巡河护林：清理岸边垃圾',
      minutes,
    });
  }
  h.setNow(new Date(Date.parse(patrol.startAt) - 30 * 60_000));
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

interface Visit {
  name: string;
  route: string;
  /** After the page shows: extra clicks before the screenshot. */
  then?: (page: Page) => Promise<void>;
}

async function tour(openid: string, personName: string, visits: Visit[]): Promise<string[]> {
  const problems: string[] = [];
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, personName);
    for (const mode of ['normal', 'elder'] as const) {
      await api(h.server.url, openid, 'account', 'updateProfile', { elderMode: mode === 'elder' });
      for (const v of visits) {
        await open(page, h.server.url, v.route);
        if (mode === 'elder') await page.waitForFunction(() => !!document.querySelector('.app-root.elder'));
        await page.waitForFunction(
          () => !Array.from(document.querySelectorAll('.loading')).some((e) => (e as HTMLElement).offsetParent !== null && e.textContent?.includes('正在加载')),
        );
        if (v.then) await v.then(page);
        await screenshot(page, `p-${v.name}-${mode}`);
        if (mode === 'elder') {
          const r = await elderReport(page);
          if (r.minFontPx < 18) problems.push(`${v.name}: smallest text ${r.minFontPx}px`);
          if (r.minLineHeight < 1.3) problems.push(`${v.name}: line height ${r.minLineHeight}`);
          if (r.smallTargets.length) problems.push(`${v.name}: small targets ${r.smallTargets.join(' | ')}`);
          // What people type (and the placeholder telling them what to type) is main text too.
          const fields = await page.evaluate(() => {
            const root = document.elementFromPoint(window.innerWidth / 2, 40)?.closest('.app-root');
            return Array.from(root?.querySelectorAll('input, textarea') ?? [])
              .filter((e) => (e as HTMLElement).offsetParent !== null)
              .map((e) => parseFloat(getComputedStyle(e).fontSize));
          });
          if (fields.some((px) => px < 18)) problems.push(`${v.name}: input text ${Math.min(...fields)}px`);
        }
      }
    }
    if (errors.length) problems.push(`page errors: ${errors.join(' | ')}`);
  } finally {
    await close();
  }
  return problems;
}

test('volunteer pages, normal and elder', async () => {
  const problems = await tour('demo-v04', '刘芳', [
    { name: '01-activities-list', route: '/pages/activities/index', then: async (p) => void (await shown(p, '.activity').waitFor()) },
    {
      name: '02-activities-calendar',
      route: '/pages/activities/index',
      then: async (p) => {
        await shown(p, '.tabs__tab', '日历').click();
        await shown(p, '.cal-nav__title').waitFor();
        await p.waitForTimeout(300);
      },
    },
    {
      name: '03-map',
      route: '/packages/activity/map/index',
      then: async (p) => {
        // The street's own base map drawn (offline), and the activities listed under it.
        await p.locator('.street-map--full path.map-base--boundary').first().waitFor();
        await shown(p, '.map-activity').waitFor();
      },
    },
    {
      name: '04-detail',
      route: `/packages/activity/detail/index?id=${patrol.id}`,
      then: async (p) => void (await shown(p, '.section__title', '签到签退').waitFor()),
    },
    {
      // Cancelled after 刘芳 signed up: says so once, and acts dead (no places left, no photo buttons).
      name: '04b-detail-cancelled',
      route: `/packages/activity/detail/index?id=${paws.id}`,
      then: async (p) => {
        await shown(p, '.notice', '这个活动已取消').waitFor();
        await shown(p, '.kv', '活动已取消，不再报名').waitFor();
        await shown(p, '.section', '您的报名随之取消，不用前往').waitFor();
        expect(await p.locator('.section', { hasText: '请按时参加' }).count()).toBe(0);
        expect(await p.locator('.notice', { hasText: '现在不能报名' }).count()).toBe(0);
        expect(await p.locator('.photos__add').count()).toBe(0);
      },
    },
    { name: '05-my-activities', route: '/packages/activity/mine/index', then: async (p) => void (await shown(p, '.activity').waitFor()) },
    { name: '06-my-time', route: '/packages/timebank/home/index', then: async (p) => void (await shown(p, '.star').waitFor()) },
    { name: '07-gift', route: '/packages/timebank/gift/index' },
    { name: '08-relatives', route: '/packages/timebank/links/index' },
    { name: '09-inbox', route: '/packages/inbox/home/index', then: async (p) => void (await shown(p, '.message--unread').waitFor()) },
  ]);
  expect(problems).toEqual([]);
});

test('leader pages, normal and elder', async () => {
  const problems = await tour('demo-v01', '王建国', [
    { name: '10-leader-home', route: '/packages/leader/home/index', then: async (p) => void (await shown(p, '.leader-team').waitFor()) },
    { name: '11-schedule', route: '/packages/leader/schedule/index?teamId=t_patrol', then: async (p) => void (await shown(p, '.activity').waitFor()) },
    { name: '12-form-create', route: '/packages/leader/form/index?teamId=t_patrol', then: async (p) => void (await shown(p, '.choice', '生活照料').waitFor()) },
    {
      name: '13-form-edit',
      route: `/packages/leader/form/index?id=${patrol.id}`,
      then: async (p) => void (await shown(p, '.choice', '这一次及以后每次').waitFor()),
    },
    { name: '14-roster', route: `/packages/leader/roster/index?id=${patrol.id}`, then: async (p) => void (await shown(p, '.roster-entry').waitFor()) },
    { name: '15-checkin-code', route: `/packages/leader/code/index?id=${patrol.id}`, then: async (p) => void (await shown(p, '.qr__code').waitFor()) },
    { name: '16-approvals', route: '/packages/leader/approvals/index?teamId=t_patrol', then: async (p) => void (await shown(p, '.approval').waitFor()) },
    { name: '16b-team-records', route: '/packages/leader/records/index?teamId=t_patrol', then: async (p) => void (await shown(p, '.team-record').waitFor()) },
    {
      name: '16c-new-record',
      route: '/packages/leader/new-record/index?teamId=t_patrol',
      then: async (p) => void (await shown(p, '.choice', '刘芳').waitFor()),
    },
    { name: '17-export', route: '/packages/leader/export/index?teamId=t_patrol' },
  ]);
  expect(problems).toEqual([]);
});

test('admin pages, normal and elder', async () => {
  const problems = await tour('demo-admin', '街道管理员', [
    {
      name: '18-pool',
      route: '/packages/admin/pool/index',
      then: async (p) => {
        await shown(p, '.statement-line').waitFor();
        // The grant form's hours and reason (components/HoursAndReason), each with its own words.
        await shown(p, '.field__label', '资助时间（小时）').waitFor();
        await shown(p, '.field__label', '资助原因').waitFor();
      },
    },
    {
      name: '19-adjustments',
      route: '/packages/admin/adjust/index',
      then: async (p) => {
        await shown(p, '.choice').waitFor();
        await shown(p, '.field__label', '时间（小时）').waitFor();
        await shown(p, '.field__label', '原因').waitFor();
      },
    },
  ]);
  expect(problems).toEqual([]);
});
