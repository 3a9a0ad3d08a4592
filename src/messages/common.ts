/** Text of the shared components (src/components) and of app-wide state. */
export const commonMessages = {
  notice: {
    error: '出错了',
    warning: '请注意',
    info: '提示',
    success: '成功',
  },
  elder: {
    title: '长辈模式',
    hint: '大字、大按钮，看得更清楚',
    on: '已开启',
    off: '已关闭',
    switchOn: '开',
    switchOff: '关',
    saveFailed: '长辈模式没有保存成功：',
  },
  loading: '正在加载…',
  checked: '，已选',
  retry: '再试一次',
  back: '返回首页',
  roles: {
    volunteer: { title: '志愿者', desc: '查看活动，报名参加' },
    leader: { title: '队长工作台', desc: '管理我带领的队伍' },
    senior: { title: '老人服务', desc: '请人帮忙、查看时间币' },
    proxy: { title: '家属代理', desc: '替家中老人办理' },
    socialWorker: { title: '居委社工工作台', desc: '本居委的老人与志愿者' },
    admin: { title: '街道管理', desc: '人员与角色' },
    open: '进入',
  },
} as const;
