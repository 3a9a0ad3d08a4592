/** Text of the shared pieces of the social worker's pages (src/packages/social/components). */
export const socialMessages = {
  /** Where a senior lives, for walking distances (HomePoint: 登记老人, 更正地址和位置). */
  point: {
    keep: '位置不变',
    none: '不记录位置',
    map: '用地图上选的位置',
    estate: (name: string, committee: string) => `${name}（${committee}）`,
    all: '显示其他居委的小区',
    pick: '在地图上选位置',
    picked: (name: string) => `已在地图上选好：${name}`,
    pickedNoName: '已在地图上选好位置',
    loadFailed: '小区列表没有加载出来：',
  },
} as const;
