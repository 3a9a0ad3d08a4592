/** Text of the local dev login page (H5 only). */
export const messages = {
  title: '登录',
  heading: '选择身份进入',
  intro: '这是本地演示环境：选一位演示人员进入，或者以一个还没注册的新微信用户身份进入。',
  newUser: '以新微信用户身份进入',
  newUserHint: '会进入实名注册页面',
  enterAs: (name: string) => `以${name}身份进入`,
  people: '演示人员',
  noPeople: '这个数据目录没有演示人员（没有装入演示数据）。请用上面的按钮以新微信用户身份进入。',
  noRoles: '未注册',
  loadFailed: '演示人员列表没有加载出来：',
  loginFailed: '没有进入成功：',
  weapp: '在微信小程序里，系统会自动识别您的微信身份，不需要登录。',
  goHome: '进入首页',
} as const;
