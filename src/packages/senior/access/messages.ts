/** Text of a senior's access log (谁看过我的信息): who opened her address, phone, emergency contacts or health notes. */
import type { AccessAs, AccessReason, SealedField } from '@core/domain/access-log';

export const messages = {
  title: '谁看过信息',
  heading: { self: '谁看过我的信息', other: (name: string) => `谁看过${name}的信息` },
  intro: {
    self: '您的住址、电话、紧急联系人和身体情况记录，每次有人打开都记在这里：什么时候、谁、什么身份、为什么看。您自己看不记。',
    other: '老人的住址、电话、紧急联系人和身体情况记录，每次有人打开都记在这里：什么时候、谁、什么身份、为什么看。老人本人看不记；看这一页也不记。',
  },
  doubt: '看到不认识的人、或者没有理由的查看，请告诉居委社工。',
  none: '还没有人看过。',
  loadFailed: '没有加载出来：',
  as: {
    proxy: '家属代理',
    socialWorker: '居委社工',
    admin: '街道管理员',
    duty: '街道值班',
    partner: '老伙伴',
    helper: '接单志愿者',
    alertRecipient: '警报通知到的人',
  } satisfies Record<AccessAs, string>,
  reason: {
    record: '查看老人档案时',
    alert: '处理一键求助和警报时',
    callList: '打开一键求助的电话时',
    card: '在老伙伴联系卡上',
    help: '接下求助、上门服务时',
  } satisfies Record<AccessReason, string>,
  field: {
    address: '住址',
    phone: '电话',
    emergencyContacts: '紧急联系人',
    health: '身体情况记录',
  } satisfies Record<SealedField, string>,
  /** "处理一键求助和警报时看了住址、电话、紧急联系人". */
  saw: (reason: string, fields: string[]) => `${reason}看了${fields.join('、')}`,
};
