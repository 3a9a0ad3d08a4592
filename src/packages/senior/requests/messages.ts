/** Text of a senior's requests (我的求助). */
export const messages = {
  title: '我的求助',
  heading: '求助和进度',
  tabs: { active: '进行中', all: '全部' },
  none: { active: '现在没有进行中的求助。', all: '还没有求助过。' },
  ask: '我要求助',
  loadFailed: '没有加载出来：',
} as const;
