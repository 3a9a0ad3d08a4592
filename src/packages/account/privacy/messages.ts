/** Text of 隐私政策 read again after registration (the policy's own words are in src/messages/privacy.ts). */
export const messages = {
  title: '隐私政策',
  heading: '隐私政策',
  /** What the person agreed to, and when; said only from the record the server keeps. */
  agreed: (day: string, version: string) => `您在 ${day} 同意了这份隐私政策（版本 ${version}）。`,
  agreedOlder: (day: string, agreed: string, current: string) => `您在 ${day} 同意的是版本 ${agreed}。下面是现在的版本 ${current}，和您当时看到的可能有不同。`,
  versionFailed: '版本号没有加载出来，下面的内容仍可阅读：',
  accessTitle: '谁看过我的信息',
  accessText: '队长为了打电话查看您的完整手机号、工作人员开证明时查看您的身份证号，每次都有记录。',
  access: '看看谁看过',
  withdrawTitle: '不想再同意了？',
  withdrawText: '可以撤回同意并注销账号，您的个人信息会被删除。',
  withdraw: '撤回同意并注销账号',
  back: '回到“我的”',
  /** A senior registered at the desk: the policy's own words come after what she agreed to there. */
  fullText: '隐私政策全文',
  /** Reading for a senior (`?seniorId=`). */
  backToSenior: '回到老人服务',
  loadFailed: '没有加载出来：',
} as const;
