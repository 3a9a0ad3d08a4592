/** Text of the profile page (修改资料). */
export const messages = {
  title: '修改资料',
  heading: '修改我的资料',
  name: { label: '姓名', invalid: '请填写真实姓名（2 到 20 个字）' },
  phone: {
    label: '手机号码',
    hint: (masked: string) => `现在的号码：${masked}。不改就留空。`,
    placeholder: '新的 11 位手机号码',
    invalid: '请填写正确的手机号码：11 位数字，以 13 到 19 开头',
  },
  committee: { label: '所在居委', loadFailed: '居委列表没有加载出来：' },
  nothingChanged: '您没有修改任何内容。',
  save: '保存修改',
  saving: '正在保存…',
  saved: '已保存。',
  failed: '没有保存成功：',
  retryHint: '网络恢复后再点一次“保存修改”即可。',
  back: '回到“我的”',
  closeHint: '不想再使用了？可以撤回对隐私政策的同意并注销账号，个人信息会被删除。',
  close: '注销账号',
} as const;
