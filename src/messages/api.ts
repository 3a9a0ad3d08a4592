/** Messages of the transport layer (src/services/api.ts). */
export const apiMessages = {
  uploadFailed: '照片没有传上去，请检查网络后再试',
  network: '网络连接不上，请检查网络后再点一次',
  badResponse: '服务器的回答看不懂，请稍后再试',
  unknown: '出了点问题，请稍后再试',
  /** A change whose outcome is unknown (no answer, or the server failed): never said to have failed. */
  unsettled: '不知道刚才有没有办成：网络断了，或者服务器没有回答。',
  /** After `unsettled` where the page has no hint of its own: the retry keeps its requestId. */
  unsettledRetry: '再点一次同样的按钮即可；已经办成的，不会重复办理。',
} as const;
