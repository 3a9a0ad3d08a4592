/** Text of the admin package's shared pieces. */
export const messages = {
  person: {
    search: { label: '按姓名查找', placeholder: '输入姓名中的字，例如 沈' },
    choose: '选择居民',
    none: '没有找到这个名字。可以“加载更多人员”后再找。',
    more: '加载更多人员',
    loading: '正在加载人员…',
    failed: '人员名单没有加载出来：',
    shown: (n: number, total: number) => `显示 ${n} 位（已加载 ${total} 位）`,
    /** One person in the list: two namesakes without a phone still differ by when they were registered. */
    person: (name: string, committee: string, phoneMasked: string, registered: string) =>
      `${name}（${[committee, phoneMasked || `${registered}登记`].filter(Boolean).join('，')}）`,
  },
} as const;
