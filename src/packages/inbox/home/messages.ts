/** Text of 消息 (the in-app inbox). */
export const messages = {
  title: '消息',
  heading: '我的消息',
  unread: (n: number) => (n ? `${n} 条未读` : '没有未读消息'),
  filters: { all: '全部', unread: '只看未读' },
  none: '没有消息。',
  noneUnread: '没有未读消息。',
  unreadTag: '未读',
  readTag: '已读',
  markRead: '标为已读',
  openActivity: '查看活动',
  open: '查看',
  markAll: '全部标为已读',
  marking: '正在标记…',
  failed: '没有标记成功：',
  loadFailed: '消息没有加载出来：',
} as const;
