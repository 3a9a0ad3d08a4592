/** Text of 身体情况记录 on the senior's side: whether her 老伙伴 may write down how she is at each contact. */
export const messages = {
  title: '身体情况记录',
  heading: '身体情况记录',
  introSelf: '老伙伴打电话或上门看您时，可以把您的身体情况记下来，方便下次关心您。这要您单独同意；不同意也不影响老伙伴照常联系您。',
  introOther: '老伙伴打电话或上门看老人时，可以把老人的身体情况记下来，方便下次关心老人。这要老人单独同意；不同意也不影响老伙伴照常联系。请先问过老人再登记。',
  loadFailed: '没有加载出来：',
} as const;
