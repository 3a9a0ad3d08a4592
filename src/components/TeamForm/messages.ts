/** Text of the team form (新建队伍 / 修改队伍介绍). */
export const messages = {
  newTitle: '新建队伍',
  editTitle: '修改队伍介绍',
  name: '队伍名称',
  namePlaceholder: '例如 护河巡林志愿队',
  description: '队伍简介',
  descriptionPlaceholder: '做什么、在哪里、什么时候，例如 每周六上午沿河巡查，清理垃圾',
  joinPolicy: '怎样加入',
  policies: { open: '直接加入', approval: '申请后由队长同意' },
  save: '保存',
  create: '新建',
  saving: '正在保存…',
  cancel: '取消',
  failed: '没有保存：',
} as const;
