/**
 * The charts in the H5 build against the real local server (demo street): the admin's street report
 * draws its six charts (12 months, teams, categories, time-bank flows, help requests by state,
 * 老伙伴 coverage by week) on canvases that are not blank — pixels of the series' colour where there
 * is data, the 暂无数据 text where there is none — and the table under each chart carries the API's
 * numbers. The leader's home draws the team's month with its table. Elder mode draws bigger.
 * Screenshots: test-results/report-charts-*.png.
 */
import type { AdminResults, TeamsResults } from '../../cloudfunctions/core/api';
import { localDate } from '../../cloudfunctions/core/domain/schedule';
import { messages as reportMessages } from '../../src/packages/admin/report/messages';
import { hours } from '../../src/services/format';
import type { Page } from 'playwright-core';
import { api, arrive, button, open, setElder, signIn } from './helpers';
import { newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

interface CanvasFacts {
  state: string | null;
  cssHeight: number;
  /** Pixels that are not the white background. */
  inked: number;
  /** Pixels close to `color`. */
  colored: number;
}

/** Reads the canvas of chart `id` back: how many pixels are drawn, and how many in `color` (#rrggbb). */
async function canvasFacts(page: Page, id: string, color: string): Promise<CanvasFacts> {
  await page.locator(`#chart-host-${id} canvas`).waitFor();
  return page.evaluate(
    ({ id, color }) => {
      const canvas = document.querySelector(`#chart-host-${id} canvas`) as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
      let inked = 0;
      let colored = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255) inked += 1;
        if (Math.abs(data[i]! - r!) < 12 && Math.abs(data[i + 1]! - g!) < 12 && Math.abs(data[i + 2]! - b!) < 12) colored += 1;
      }
      return { state: canvas.dataset.chart ?? null, cssHeight: canvas.getBoundingClientRect().height, inked, colored };
    },
    { id, color },
  );
}

/** The rows of chart `id`'s table, each as its cells' text (the head row left out). */
const tableRows = (page: Page, id: string): Promise<string[][]> =>
  page.$$eval(`#chart-card-${id} .chart-table__row:not(.chart-table__row--head)`, (rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('.chart-table__cell')).map((c) => (c.textContent ?? '').trim())),
  );

const monthName = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
const RED = '#b71c1c';

test('the street report draws its charts, each with the API numbers in a table, in normal and elder mode', async () => {
  const today = localDate(new Date());
  const month = await api<AdminResults['report']>(h.server.url, 'demo-admin', 'admin', 'report', { from: `${today.slice(0, 8)}01`, to: today });
  const r = await api<AdminResults['report']>(h.server.url, 'demo-admin', 'admin', 'report', { from: `${today.slice(0, 4)}-01-01`, to: today });
  expect(r.service.approved.count).toBeGreaterThan(0);

  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '街道管理员');
    await open(page, h.server.url, '/packages/admin/home/index');
    await button(page, '街道工作报表').click();
    await arrive(page, /#\/packages\/admin\/report\/index/, '街道工作报表');
    await shown(page, '.figure', month.service.approved.hours).waitFor();
    // This month (early in a month it may have no service yet): the 12 months still show what came before.
    const monthly = await canvasFacts(page, 'months', RED);
    expect(monthly.state).toBe(month.service.byMonth.some((m) => m.minutes > 0) ? 'drawn' : 'empty');
    expect(monthly.inked).toBeGreaterThan(500);
    expect(await tableRows(page, 'months')).toEqual(month.service.byMonth.map((m) => [monthName(m.month), m.hours, String(m.count)]));

    // This year: every chart.
    await shown(page, '.tabs__tab', '今年').click();
    await shown(page, '.figure', r.service.approved.hours).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#chart-host-teams canvas').length === 1);

    // Every chart is drawn: data in its colour, or the empty text (never a blank canvas).
    const charts: Array<[string, string, boolean]> = [
      ['months', RED, r.service.byMonth.some((m) => m.minutes > 0)],
      ['teams', RED, true],
      ['categories', '#3f51b5', true],
      ['flows', '#b7791f', ['earned', 'redeemed', 'donated', 'granted'].some((k) => r.timebank[k as 'earned'].minutes > 0)],
      ['help', '#3f51b5', r.help.byState.some((s) => s.count > 0)],
      ['coverage', '#2e7d32', r.partners.coverage.weeks.some((w) => w.onTime > 0)],
    ];
    const normal: Record<string, CanvasFacts> = {};
    for (const [id, color, hasData] of charts) {
      const facts = await canvasFacts(page, id, color);
      normal[id] = facts;
      expect({ id, state: facts.state }).toEqual({ id, state: hasData ? 'drawn' : 'empty' });
      expect(facts.inked).toBeGreaterThan(500);
      if (hasData) expect(facts.colored).toBeGreaterThan(50);
      else expect(facts.colored).toBe(0);
    }
    // The last month's point is this month: the monthly series and the month's report agree.
    expect(r.service.byMonth[11]).toEqual(expect.objectContaining({ month: today.slice(0, 7), minutes: month.service.approved.minutes }));

    // The tables are the API's numbers.
    expect(await tableRows(page, 'months')).toEqual(r.service.byMonth.map((m) => [monthName(m.month), m.hours, String(m.count)]));
    expect(await tableRows(page, 'flows')).toEqual([
      ['发放（服务获得）', r.timebank.earned.hours, String(r.timebank.earned.count)],
      ['兑换（老人使用）', r.timebank.redeemed.hours, String(r.timebank.redeemed.count)],
      ['捐入公益池', r.timebank.donated.hours, String(r.timebank.donated.count)],
      ['公益池资助', r.timebank.granted.hours, String(r.timebank.granted.count)],
    ]);
    expect(await tableRows(page, 'help')).toEqual(r.help.byState.map((s) => [s.label, String(s.count)]));
    // This year's report starts on 1 January, mid-week, and ends today: both ends are cut weeks.
    expect((await tableRows(page, 'coverage'))[0]![0]).toMatch(/^1月1日(至1月\d+日（本期内的几天）|起的一周)$/);
    expect(await tableRows(page, 'coverage')).toEqual(
      r.partners.coverage.weeks.map((w) => [
        // A week the period cuts names the days in it (the words are pinned in test/integration/report-charts).
        reportMessages.charts.weekFull(w.week, r.from, r.to),
        String(w.onTime),
        String(w.late),
        String(w.unreachable),
      ]),
    );
    // Teams and categories keep the page's own rows as their text.
    const teamRows = await page.$$eval('#chart-card-teams .report-row__label', (els) => els.map((e) => e.textContent));
    expect(teamRows).toEqual(r.service.byTeam.map((t) => t.name));
    await screenshot(page, 'report-charts-1-normal');

    // Elder mode: the same charts, taller, with bigger labels.
    await setElder(page, true);
    await page.waitForFunction(() => document.querySelector('.app-root.elder') !== null);
    await shown(page, '.tabs__tab', '今年').click();
    await shown(page, '.figure', r.service.approved.hours).waitFor();
    for (const [id, color, hasData] of charts) {
      const facts = await canvasFacts(page, id, color);
      expect({ id, state: facts.state }).toEqual({ id, state: hasData ? 'drawn' : 'empty' });
      expect(facts.cssHeight).toBeGreaterThan(normal[id]!.cssHeight);
    }
    expect(await tableRows(page, 'months')).toEqual(r.service.byMonth.map((m) => [monthName(m.month), m.hours, String(m.count)]));
    await screenshot(page, 'report-charts-2-elder');
    expect(errors).toEqual([]);
  } finally {
    await api(h.server.url, 'demo-admin', 'account', 'updateProfile', { elderMode: false });
    await close();
  }
});

test("the leader's home draws the team's month with its table", async () => {
  // A record today, so the month has a bar whatever day of the month the test runs on.
  const url = h.server.url;
  const zhu = await api<{ profile: { id: string } }>(url, 'demo-v14', 'account', 'me');
  const made = await api<{ id: string }>(url, 'demo-v02', 'records', 'create', {
    volunteerId: zhu.profile.id,
    teamId: 't_paws',
    category: 'daily',
    date: localDate(new Date()),
    place: '新圆湾社区广场',
    content: '帮独居老人遛狗',
    minutes: 90,
  });
  await api(url, 'demo-v02', 'records', 'approve', { recordId: made.id });
  const month = await api<TeamsResults['month']>(h.server.url, 'demo-v02', 'teams', 'month', { teamId: 't_paws' });
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '李秀英');
    await open(page, h.server.url, '/packages/leader/home/index');
    const id = 'month-t_paws';
    expect(month.days.find((d) => d.date === localDate(new Date()))!.approvedMinutes).toBeGreaterThanOrEqual(90);
    const facts = await canvasFacts(page, id, RED);
    expect(facts.state).toBe('drawn');
    expect(facts.inked).toBeGreaterThan(500);
    expect(facts.colored).toBeGreaterThan(20);
    const rows = await tableRows(page, id);
    const expected = month.days
      .filter((d) => d.approvedMinutes || d.pendingMinutes)
      .map((d) => [`${Number(d.date.slice(5, 7))}月${Number(d.date.slice(8, 10))}日`, hours(d.approvedMinutes), hours(d.pendingMinutes)]);
    expect(rows).toEqual(expected);
    await shown(page, `#chart-card-${id} .text`, `本月已审核 ${month.approved.hours}（${month.approved.count} 人次）`).waitFor();
    await screenshot(page, 'report-charts-3-leader');
    await setElder(page, true);
    await page.waitForFunction(() => document.querySelector('.app-root.elder') !== null);
    expect((await canvasFacts(page, id, RED)).cssHeight).toBeGreaterThan(facts.cssHeight);
    await screenshot(page, 'report-charts-4-leader-elder');
    expect(errors).toEqual([]);
  } finally {
    await api(h.server.url, 'demo-v02', 'account', 'updateProfile', { elderMode: false });
    await close();
  }
});
