/**
 * The local runtime's verification page: `GET /verify/<code>` answers, for anyone with a browser and
 * no login, what `certificates.verify` answers (genuine / void / unknown), as a small HTML page. The
 * QR code on a proof issued by the local runtime carries this URL; on WeChat it opens the
 * mini-program's verify page instead. Rate-limited like the action, per client address.
 */
import type { VerifyAnswer } from '../cloudfunctions/core/api';
import { dispatch, type RuntimeDeps } from '../cloudfunctions/core/runtime/dispatch';
import { REGISTRY } from '../cloudfunctions/registry';

const TEXT = {
  title: '志愿服务记录证明核验',
  genuine: '真实有效',
  void: '已作废',
  unknown: '查无此证',
  unknownHint: '请核对验证码是否完整、有无输错；如有疑问请联系出具证明的单位。',
  number: '证明编号',
  issuer: '出具单位',
  period: '服务时间段',
  hours: '服务时长',
  name: '志愿者',
  voidedAt: (d: string) => `已于 ${d} 作废：其中的服务记录已被更正，请向出具单位申请重新出具。`,
  limited: '核验次数过多，请稍后再试。',
  failed: '暂时无法核验，请稍后再试。',
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const shanghaiDate = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' }).format(new Date(iso));

function page(status: string, tone: 'ok' | 'bad' | 'unknown', rows: Array<[string, string]>, note: string | null): string {
  const colour = tone === 'ok' ? '#0a7a35' : tone === 'bad' ? '#b3261e' : '#5f6368';
  const body = rows.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${TEXT.title}</title>
<style>body{font:18px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;margin:0;padding:24px;color:#1f1f1f;background:#f6f7f9}main{max-width:560px;margin:auto;background:#fff;border-radius:12px;padding:24px}h1{font-size:20px;margin:0 0 12px}.status{font-size:32px;font-weight:700;color:${colour};margin:8px 0 16px}th{text-align:left;color:#5f6368;font-weight:400;padding:4px 16px 4px 0;white-space:nowrap;vertical-align:top}p{color:#3c4043}</style>
</head><body><main><h1>${TEXT.title}</h1><div class="status">${escape(status)}</div><table>${body}</table>${note ? `<p>${escape(note)}</p>` : ''}</main></body></html>`;
}

export function renderVerifyPage(answer: VerifyAnswer): string {
  if (answer.result === 'unknown') return page(TEXT.unknown, 'unknown', [], TEXT.unknownHint);
  const rows: Array<[string, string]> = [
    [TEXT.number, answer.number],
    [TEXT.issuer, answer.issuerName],
    [TEXT.period, `${answer.from} 至 ${answer.to}`],
    [TEXT.hours, answer.hoursText],
    [TEXT.name, answer.maskedName],
  ];
  if (answer.result === 'void') return page(TEXT.void, 'bad', rows, answer.voidedAt ? TEXT.voidedAt(shanghaiDate(answer.voidedAt)) : null);
  return page(TEXT.genuine, 'ok', rows, null);
}

/** The page for `code`, asked from `ip` (no login: the address is what the limiter counts). */
export async function verifyPage(code: string, ip: string, deps: RuntimeDeps): Promise<{ status: number; html: string }> {
  const envelope = await dispatch('certificates', REGISTRY.certificates, { action: 'verify', data: { code: code.slice(0, 40) } }, `web-${ip}`, deps);
  if (envelope.ok) return { status: 200, html: renderVerifyPage(envelope.data as VerifyAnswer) };
  const limited = envelope.error.code === 'RATE_LIMITED';
  return { status: limited ? 429 : 503, html: page(limited ? TEXT.limited : TEXT.failed, 'unknown', [], null) };
}
