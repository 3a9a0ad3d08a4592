/**
 * The leader's export page in the H5 build against the real server: the xlsx is stored by
 * teams.exportRecords and fetched through its signed /files/ link. The page says 已导出 only once
 * the file arrived; when the link is refused (a 403, as the server answers an expired or forged
 * link) it says the file was made but not opened, in Chinese, and offers to open it again.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { startHarness, newPhone, input, shown, type Harness } from './support';
import { button, open, signIn } from './helpers';
import { addDays, localParts } from '../../cloudfunctions/core/domain/schedule';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('已导出 only after the file arrived: a refused link shows a warning and 再次打开文件 delivers the workbook', async () => {
  const leader = await newPhone(h);
  const L = leader.page;
  const today = localParts(new Date().toISOString()).date;
  const from = addDays(today, -300);
  try {
    await signIn(L, h.server.url, '李秀英');
    await open(L, h.server.url, '/packages/leader/export/index?teamId=t_paws');
    await input(L, '例如 2026-11-01').fill(from);
    await input(L, '例如 2026-11-30').fill(today);

    // The server's answer to an expired link, for every /files/ request of this first attempt.
    const refused = { ok: false, error: { code: 'FORBIDDEN', message: '下载链接无效或已过期，请重新导出' } };
    let fileRequests = 0;
    await L.route('**/files/**', async (route) => {
      fileRequests += 1;
      await route.fulfill({ status: 403, contentType: 'application/json; charset=utf-8', body: JSON.stringify(refused) });
    });
    await button(L, '导出 Excel').click();
    await shown(L, '.notice--warning', '文件已生成，但没有打开：下载链接已过期，请重新导出').waitFor();
    expect(fileRequests).toBe(1);
    await expect(L.locator('.notice--success').filter({ visible: true }).count()).resolves.toBe(0);
    await expect(L.getByText('已导出').filter({ visible: true }).count()).resolves.toBe(0);

    // The link works again (the route is lifted): opening again downloads the real file.
    await L.unroute('**/files/**');
    const [download] = await Promise.all([L.waitForEvent('download'), button(L, '再次打开文件').click()]);
    const success = shown(L, '.notice--success', '已导出');
    await success.waitFor();
    await expect(L.locator('.notice--warning').filter({ visible: true }).count()).resolves.toBe(0);

    const text = (await success.textContent()) ?? '';
    const rows = Number(/已导出 (\d+) 条记录/.exec(text)?.[1]);
    // The demo street has past 握爪 service records, so the workbook is not just a header.
    expect(rows).toBeGreaterThan(0);
    // The team is 文明养宠"握爪志愿队": the quotes are dropped from the file name.
    expect(download.suggestedFilename()).toBe(`文明养宠握爪志愿队_服务记录_${from}_${today}.xlsx`);
    expect(text).toContain(`文件：${download.suggestedFilename()}`);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 4).toString('hex')).toBe('504b0304');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('服务记录')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('序号');
    // The header, one row per record the page reported, and the 合计 row.
    expect(sheet.rowCount).toBe(rows + 2);
    expect(sheet.getRow(rows + 2).getCell(1).value).toBe('合计');
    expect(leader.errors).toEqual([]);
  } finally {
    await leader.close();
  }
});
