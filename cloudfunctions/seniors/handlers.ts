import type { Handlers } from '../core/runtime/dispatch';
import * as accessLog from '../core/services/access-log';
import * as healthConsent from '../core/services/health-consent';
import * as photos from '../core/services/photos';
import * as seniors from '../core/services/seniors';
import * as seniorClose from '../core/services/senior-close';
import * as wechatBinding from '../core/services/wechat-binding';

export const handlers: Handlers<'seniors'> = {
  setPhotoConsent: photos.setPhotoConsent,
  setHealthConsent: healthConsent.setHealthConsent,
  register: seniors.register,
  update: seniors.update,
  relocate: seniors.relocate,
  list: seniors.list,
  detail: seniors.detail,
  mine: seniors.mine,
  home: seniors.home,
  history: seniors.history,
  accessLog: accessLog.accessLog,
  requestProxy: seniors.requestProxy,
  withdrawProxyRequest: seniors.withdrawProxyRequest,
  addProxy: seniors.addProxy,
  proxies: seniors.proxies,
  confirmProxy: seniors.confirmProxy,
  removeProxy: seniors.removeProxy,
  issueBindCode: wechatBinding.issueBindCode,
  wechatBinding: wechatBinding.wechatBinding,
  unbindWechat: wechatBinding.unbindWechat,
  closeCheck: seniorClose.closeCheck,
  close: seniorClose.close,
};
