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

/**
 * What a senior agreed to at the 居委 desk, read again on the same page (src/packages/account/privacy):
 * in her own voice (`deskConsentWords.self`), or about her for a family proxy reading for her
 * (`deskConsentWords.other(name)`). Plain words; what each line says follows the notice the social
 * worker reads out (src/packages/social/register) and who really sees what (docs/privacy.md).
 */
export interface DeskConsentVoice {
  title: string;
  /** Who agreed, where and when; `guardian` when a guardian agreed for her. */
  agreed: (day: string, committee: string, guardian: string | null) => string;
  version: (version: string) => string;
  recordedBy: (name: string) => string;
  coversTitle: string;
  collected: string;
  shared: string;
  contacts: string;
  healthGranted: (day: string) => string;
  healthWithdrawn: (day: string) => string;
  healthNever: string;
  photosGranted: (day: string) => string;
  photosWithdrawn: (day: string) => string;
  photosNever: string;
  changeTitle: string;
  change: (committee: string) => string;
  withdraw: (committee: string) => string;
  /** Where the social worker's number is (her own home's 打电话 tile); empty for a proxy. */
  callHint: string;
  ownAnswers: string;
}

export const deskConsentWords: { self: DeskConsentVoice; other: (name: string) => DeskConsentVoice; changeHealth: string; changePhotos: string } = {
  self: {
    title: '您在居委同意了什么',
    agreed: (day, committee, guardian) => (guardian ? `${day}，您的监护人${guardian}在${committee}替您同意了。` : `${day}，您本人在${committee}同意了。`),
    version: (v) => `当时的隐私政策是 ${v} 的版本。`,
    recordedBy: (name) => `给您读说明、帮您登记的是：${name}。`,
    coversTitle: '您同意了这些：',
    collected: '居委登记您的地址、电话、紧急联系人，还有是不是一个人住、有没有特殊困难。这些都加密保存。',
    shared: '您的地址和电话只给要用的人看：本居委的社工、和您结对的老伙伴、答应来帮您的志愿者；您按了一键求助，也给处理的街道工作人员。谁看了都有记录。',
    contacts: '紧急联系人的电话，只给本居委的社工和您的家属代理人看，有急事时用。',
    healthGranted: (day) => `您另外同意了：老伙伴联系您时，可以记下您的身体情况（${day}）。只有老伙伴和本居委的社工能看。`,
    healthWithdrawn: (day) => `${day}您说不再记身体情况了。老伙伴不会再记，以前记的已经删掉。`,
    healthNever: '您没有同意记身体情况，老伙伴不会记。',
    photosGranted: (day) => `您同意了活动照片里可以有您（${day}）。有您的照片只给工作人员看，不公开。`,
    photosWithdrawn: (day) => `${day}您说活动照片里不要有您。有您的照片已经删掉。`,
    photosNever: '您没有同意上活动照片，活动照片里不会有您。',
    changeTitle: '想改，或者不想同意了',
    change: (committee) => `地址、电话、紧急联系人要改，请找${committee}的社工，打电话或者去居委都可以。`,
    withdraw: (committee) =>
      `不想再登记了，也请告诉${committee}的社工。社工会注销您的老人档案，删掉您的地址、电话和紧急联系人。注销以后，就不能在这里请人帮忙了。`,
    callHint: '社工的电话：在“老人服务”里按“打电话给家人/社工”就能看到。',
    ownAnswers: '记不记身体情况、上不上活动照片，您自己在这里就能改：',
  },
  other: (name) => ({
    title: `${name}在居委同意了什么`,
    agreed: (day, committee, guardian) =>
      guardian ? `${day}，${name}的监护人${guardian}在${committee}替老人同意了。` : `${day}，${name}本人在${committee}同意了。`,
    version: (v) => `当时的隐私政策是 ${v} 的版本。`,
    recordedBy: (staff) => `给老人读说明、登记的是：${staff}。`,
    coversTitle: '老人同意了这些：',
    collected: '居委登记老人的地址、电话、紧急联系人，还有是不是一个人住、有没有特殊困难。这些都加密保存。',
    shared: '老人的地址和电话只给要用的人看：本居委的社工、和老人结对的老伙伴、答应来帮忙的志愿者；老人按了一键求助，也给处理的街道工作人员。谁看了都有记录。',
    contacts: '紧急联系人的电话，只给本居委的社工和老人的家属代理人看，有急事时用。',
    healthGranted: (day) => `老人另外同意了：老伙伴联系老人时，可以记下老人的身体情况（${day}）。只有老伙伴和本居委的社工能看。`,
    healthWithdrawn: (day) => `${day}老人说不再记身体情况了。老伙伴不会再记，以前记的已经删掉。`,
    healthNever: '老人没有同意记身体情况，老伙伴不会记。',
    photosGranted: (day) => `老人同意了活动照片里可以有老人（${day}）。有老人的照片只给工作人员看，不公开。`,
    photosWithdrawn: (day) => `${day}老人说活动照片里不要有老人。有老人的照片已经删掉。`,
    photosNever: '老人没有同意上活动照片，活动照片里不会有老人。',
    changeTitle: '想改，或者老人不想同意了',
    change: (committee) => `老人的地址、电话、紧急联系人要改，请陪老人或者代老人找${committee}的社工。`,
    withdraw: (committee) =>
      `老人不想再登记了，也请告诉${committee}的社工。社工会注销老人档案，删掉老人的地址、电话和紧急联系人。注销以后，就不能再为老人请人帮忙了。`,
    callHint: '',
    ownAnswers: '记不记身体情况、上不上活动照片，先问过老人，您可以在这里代老人改：',
  }),
  changeHealth: '改身体情况记录',
  changePhotos: '改活动照片',
};
