/** Text of the registration page (实名注册). */
import { privacyPolicy } from '../../messages/privacy';

export const messages = {
  title: '实名注册',
  heading: '实名注册',
  intro: '成为街道志愿者，请填写真实信息。带 * 的都要填。',
  bindSenior: {
    title: '居委已经为老人登记过档案？',
    text: '老人在自己的手机上输入居委社工给的 6 位绑定码，就能直接登录，不用再注册。',
    button: '老人用绑定码登录',
  },
  name: { label: '姓名 *', placeholder: '请输入真实姓名', invalid: '请填写真实姓名（2 到 20 个字）' },
  phone: { label: '手机号码 *', placeholder: '11 位手机号码', invalid: '请填写正确的手机号码：11 位数字，以 13 到 19 开头' },
  birthYear: {
    label: '出生年份 *',
    placeholder: '例如 1958',
    hint: '只填年份，不需要具体日期',
    invalid: '请填写 4 位数字的出生年份',
    outOfRange: (thisYear: number) => `出生年份应在 1901 到 ${thisYear} 年之间，请核对`,
    age: (age: number) => `今年 ${age} 岁`,
  },
  committee: { label: '所在居委 *', invalid: '请选择所在居委', loadFailed: '居委列表没有加载出来：' },
  underage: (minAge: number) => `根据志愿服务规定，未满 ${minAge} 周岁不能注册成为志愿者。`,
  guardian: {
    title: '监护人信息',
    intro: '14 至 17 周岁需要监护人同意，并只参加适合的集体活动。',
    name: { label: '监护人姓名 *', placeholder: '请输入监护人真实姓名' },
    phone: { label: '监护人手机号码 *', placeholder: '11 位手机号码' },
    relation: { label: '与您的关系 *', placeholder: '例如 父亲、母亲', invalid: '请填写与监护人的关系' },
    consent: '监护人已知晓并同意我参加志愿服务',
    consentMissing: '需要监护人同意',
  },
  policy: {
    ...privacyPolicy,
    consent: (v: string) => `我已阅读并同意以上隐私政策（版本 ${v}）`,
    consentMissing: '请阅读并勾选同意隐私政策',
  },
  submit: '提交注册',
  submitting: '正在提交…',
  fixAbove: '还有没填好的地方，请看上面标有 ✕ 的提示。',
  failed: '注册没有成功：',
  retryHint: '网络恢复后再点一次“提交注册”即可，不会重复注册。',
} as const;
