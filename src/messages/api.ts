/** Messages of the transport layer (src/services/api.ts). */
export const apiMessages = {
  uploadFailed: '照片没有传上去，请检查网络后再试',
  network: '网络连接不上，请检查网络后再点一次',
  badResponse: '服务器的回答看不懂，请稍后再试',
  unknown: '出了点问题，请稍后再试',
} as const;
