/** Text of the leader's export page (导出服务记录). */
import { dateRange } from '@/services/dates';
export const messages = {
  title: '导出服务记录',
  heading: '导出服务记录（Excel）',
  intro: '导出本队一段日期内的服务记录，用于纸质台账。一次最多一年。',
  chooseTeam: '选择队伍',
  quick: '常用时间段',
  ranges: { thisMonth: '本月', lastMonth: '上个月', thisYear: '今年' },
  rangeLabel: (name: string, from: string, to: string) => `${name}（${dateRange(from, to)}）`,
  from: { label: '开始日期 *', placeholder: '例如 2026-11-01' },
  to: { label: '结束日期 *', placeholder: '例如 2026-11-30' },
  dateInvalid: '请按“2026-11-01”的格式填写日期',
  order: '开始日期不能晚于结束日期',
  export: '导出 Excel',
  exporting: '正在导出…',
  done: (rows: number, hours: string, name: string) => `已导出 ${rows} 条记录，共 ${hours}。文件：${name}`,
  weappHint: '文件已在手机上打开，可点右上角“…”转发或保存。',
  h5Hint: '文件已下载到浏览器的下载文件夹。',
  openFailed: '文件已生成，但没有打开：',
  openAgain: '再次打开文件',
  downloadStatus: (status: number) => (status === 403 ? '下载链接已过期，请重新导出' : `下载没有成功（${status}）`),
  failed: '没有导出成功：',
} as const;
