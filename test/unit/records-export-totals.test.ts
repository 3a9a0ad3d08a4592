/**
 * The export's 合计 agrees with the rows above it: hours are shown with two decimals per row, and the
 * total (and each volunteer's line on 汇总) is the sum of those shown values, so a reader adding the
 * column gets the total; the minutes column stays exact.
 */
import { Workbook } from 'exceljs';
import type { ServiceRecordDoc } from '../../cloudfunctions/core/domain/records';
import { buildRecordsWorkbook, type ExportRow } from '../../cloudfunctions/core/services/records-export';

const row = (id: string, volunteerId: string, minutes: number, state: ServiceRecordDoc['state'] = 'approved'): ExportRow => ({
  record: {
    _id: id,
    volunteerId,
    teamId: 't_patrol',
    category: 'community',
    categoryName: '社区志愿服务',
    earnsCredits: false,
    date: '2026-11-28',
    place: '滨江',
    content: '巡河',
    served: '',
    minutes,
    state,
    recorderId: 'u_l',
    approverId: 'u_l',
    transferId: null,
    reversalId: null,
    reason: null,
    createdAt: '2026-11-28T04:00:00.000Z',
    decidedAt: '2026-11-28T05:00:00.000Z',
    updatedAt: '2026-11-28T05:00:00.000Z',
  },
  volunteerName: volunteerId === 'u_a' ? '张三' : '李四',
  recorderName: '王建国',
  approverName: '王建国',
});

it('the 合计 row and 汇总 add up the hours shown in the rows', async () => {
  // 20 minutes shows as 0.33 h: three of them show 0.99, though 60 minutes are 1 h.
  const rows = [row('r1', 'u_a', 20), row('r2', 'u_a', 20), row('r3', 'u_a', 20), row('r4', 'u_b', 50), row('r5', 'u_b', 100, 'pending')];
  const buffer = await buildRecordsWorkbook({
    teamName: '护河巡林志愿服务队',
    from: '2026-11-01',
    to: '2026-11-30',
    rows,
    generatedAt: new Date('2026-12-01T00:00:00Z'),
  });
  const wb = new Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('服务记录')!;
  const lines = sheet.getSheetValues().slice(2) as unknown[][];
  const body = lines.filter((l) => l && typeof l[1] === 'number');
  const total = lines.find((l) => l && l[1] === '合计')!;
  const shownApproved = body.filter((l) => l[10] === '已通过').map((l) => l[8] as number);
  expect(shownApproved).toEqual([0.33, 0.33, 0.33, 0.83]);
  expect(total[8]).toBe(1.82);
  expect(total[9]).toBe(110);

  const summary = wb.getWorksheet('汇总')!;
  const people = (summary.getSheetValues().slice(2) as unknown[][]).filter((l) => l && typeof l[3] === 'number');
  expect(people.map((l) => [l[1], l[3], l[4]])).toEqual([
    ['张三', 0.99, 60],
    ['李四', 0.83, 50],
  ]);
});
