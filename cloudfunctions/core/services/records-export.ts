/**
 * The xlsx workbook of a team's service records (exceljs): one line per record for the paper
 * ledger (志愿服务记录台账), and a per-volunteer summary of approved hours. exceljs is loaded only
 * when an export runs, so the other actions of the function do not pay for it.
 */
import type { ServiceRecordDoc } from '../domain/records';
import { localParts } from '../domain/schedule';

export interface ExportRow {
  record: ServiceRecordDoc;
  volunteerName: string;
  recorderName: string;
  approverName: string;
}

interface WorkbookInput {
  teamName: string;
  from: string;
  to: string;
  rows: ExportRow[];
  generatedAt: Date;
}

const STATE_LABELS: Record<ServiceRecordDoc['state'], string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已退回',
  reversed: '已撤销',
};

/** Minutes as hours with two decimals, as each row shows them. */
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
/**
 * The hours of a total: the sum of the rounded hours its rows show, so a reader (or Excel's SUM)
 * adding the column gets the same figure (20 minutes shows as 0.33, three of them as 0.99, not 1).
 * The exact figure is never lost: the minutes column beside it is exact, and its total is the exact
 * sum. Summed in hundredths, so floating point adds nothing.
 */
const shownHours = (minutes: readonly number[]) => minutes.reduce((sum, m) => sum + Math.round((m / 60) * 100), 0) / 100;
const localDateTime = (iso: string | null) => (iso ? `${localParts(iso).date} ${localParts(iso).time}` : '');

/**
 * exceljs is CommonJS. Under jest and tsx `import()` of it has the named exports; in the esbuild
 * bundle run by plain Node (CloudBase) it yields only `default` (module.exports), and
 * `const { Workbook } = await import('exceljs')` was undefined there: every export failed as
 * INTERNAL. Take `default` when it is there (test/production/rehearsal.test.ts runs the bundle).
 */
async function loadExcel(): Promise<typeof import('exceljs')> {
  const mod = (await import('exceljs')) as typeof import('exceljs') & { default?: typeof import('exceljs') };
  return mod.default?.Workbook ? mod.default : mod;
}

export async function buildRecordsWorkbook(input: WorkbookInput): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = '街道志愿者与时间银行';
  wb.created = input.generatedAt;

  const sheet = wb.addWorksheet('服务记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '服务日期', key: 'date', width: 12 },
    { header: '志愿者', key: 'volunteer', width: 10 },
    { header: '服务类别', key: 'category', width: 18 },
    { header: '服务内容', key: 'content', width: 30 },
    { header: '服务地点', key: 'place', width: 20 },
    { header: '服务对象', key: 'served', width: 14 },
    { header: '时长（小时）', key: 'hours', width: 12 },
    { header: '时长（分钟）', key: 'minutes', width: 12 },
    { header: '状态', key: 'state', width: 8 },
    { header: '记录人', key: 'recorder', width: 10 },
    { header: '审核人', key: 'approver', width: 10 },
    { header: '审核时间', key: 'decidedAt', width: 17 },
    { header: '退回或撤销原因', key: 'reason', width: 24 },
    { header: '记录编号', key: 'id', width: 26 },
  ];
  sheet.getRow(1).font = { bold: true };
  input.rows.forEach((row, i) => {
    const r = row.record;
    sheet.addRow({
      n: i + 1,
      date: r.date,
      volunteer: row.volunteerName,
      category: r.categoryName,
      content: r.content,
      place: r.place,
      served: r.served,
      hours: hours(r.minutes),
      minutes: r.minutes,
      state: STATE_LABELS[r.state],
      recorder: row.recorderName,
      approver: row.approverName,
      decidedAt: localDateTime(r.decidedAt),
      reason: r.reason ?? '',
      id: r._id,
    });
  });
  const approved = input.rows.filter((row) => row.record.state === 'approved');
  const approvedMinutes = approved.reduce((sum, row) => sum + row.record.minutes, 0);
  const total = sheet.addRow({
    n: '合计',
    content: `已通过 ${approved.length} 条（共 ${input.rows.length} 条）`,
    hours: shownHours(approved.map((row) => row.record.minutes)),
    minutes: approvedMinutes,
  });
  total.font = { bold: true };

  const summary = wb.addWorksheet('汇总');
  summary.columns = [
    { header: '志愿者', key: 'volunteer', width: 12 },
    { header: '已通过记录（条）', key: 'count', width: 16 },
    { header: '已通过时长（小时）', key: 'hours', width: 18 },
    { header: '已通过时长（分钟）', key: 'minutes', width: 18 },
  ];
  summary.getRow(1).font = { bold: true };
  const byVolunteer = new Map<string, { name: string; count: number; minutes: number; each: number[] }>();
  for (const row of approved) {
    const v = byVolunteer.get(row.record.volunteerId) ?? { name: row.volunteerName, count: 0, minutes: 0, each: [] };
    v.count += 1;
    v.minutes += row.record.minutes;
    v.each.push(row.record.minutes);
    byVolunteer.set(row.record.volunteerId, v);
  }
  // Each person's hours as the sum of their rows' shown hours, like the 合计 row (see shownHours).
  for (const v of [...byVolunteer.values()].sort((a, b) => b.minutes - a.minutes)) {
    summary.addRow({ volunteer: v.name, count: v.count, hours: shownHours(v.each), minutes: v.minutes });
  }
  summary.addRow([]);
  summary.addRow([`${input.teamName} 服务记录 ${input.from} 至 ${input.to}，导出于 ${localDateTime(input.generatedAt.toISOString())}`]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
