/** Text of the pieces shared by the senior pages (acting banner, chips, the senior's own links). */
export const messages = {
  banner: {
    /** When the server's banner is empty: the senior acts for themselves. */
    change: '换一位老人',
    icon: '代',
    /** Staff deciding as themselves (a pool grant, a settlement): not 代办. */
    reviewIcon: '审',
    reviewing: (senior: string, role: string) => `您在以${role}的身份审核 ${senior} 的求助`,
    roles: { socialWorker: '居委社工', admin: '街道管理员' },
  },
  /** 一键求助 without its answer (RaiseFailure). */
  raise: {
    failed: '一键求助没有发出去：',
    unsettled: '不知道求助有没有发出去：网络断了，或者服务器没有回答。',
  },
  loadFailed: '没有加载出来：',
  retry: '再试一次',
  chooseSenior: '请先选择要代为办理的老人。',
  checked: '，已选',
  links: {
    requests: { title: '我的求助', desc: '全部求助和进度' },
    allRequests: { title: '全部求助', desc: '老人的求助和进度' },
    history: { title: '办理记录', desc: '谁在什么时候办了什么' },
    access: { title: '谁看过我的信息', desc: '住址、电话、紧急联系人被谁看过' },
    accessOther: { title: '谁看过老人的信息', desc: '住址、电话、紧急联系人被谁看过' },
    proxies: { title: '家属代理', desc: '谁可以代为办理' },
    photos: { title: '活动照片', desc: '同不同意出现在活动照片里' },
    health: { title: '身体情况记录', desc: '同不同意老伙伴记下身体情况' },
    consent: { title: '在居委同意了什么', desc: '登记时同意的，想改找谁' },
    open: '打开',
  },
} as const;
