/** Text of 活动照片 on the senior's side: whether the senior agrees to appear in activity photos. */
export const messages = {
  title: '活动照片',
  heading: '活动照片',
  introSelf: '志愿者活动会拍照。您同意了，照片里才可以有您；有您的照片只给社工、队长这些工作人员看，不会公开。',
  introOther: '志愿者活动会拍照。老人同意了，照片里才可以有老人；有老人的照片只给社工、队长这些工作人员看，不会公开。请先问过老人再登记。',
  loadFailed: '没有加载出来：',
} as const;
