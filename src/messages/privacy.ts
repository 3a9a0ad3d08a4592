/**
 * The privacy policy as a person reads it: on 实名注册 before agreeing (src/pages/register), and again
 * at any time afterwards from 我的 (src/packages/account/privacy). One copy, so both say the same.
 * Its version is the server's (account.options → privacyPolicyVersion).
 */
export const privacyPolicy = {
  title: '隐私政策',
  version: (v: string) => `版本 ${v}`,
  paragraphs: [
    '我们收集什么：姓名、手机号码、出生年份、所在居委；未成年人还有监护人的姓名、手机号码和关系。',
    '为什么收集：用于志愿者实名登记、活动报名与签到、服务时长和时间币记录、必要时与您联系。',
    '怎样保护：手机号码加密保存，各种名单里只显示打码后的号码（如 138****5678）；每种身份只能看到工作需要的信息。',
    '会不会给别人：未经您另外单独同意，不会提供给其他单位。',
    '保存多久：在您使用本服务期间保存；您撤回同意后，我们会删除您的个人信息（法律要求保存的服务记录除外）。',
  ],
} as const;
