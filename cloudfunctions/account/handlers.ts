import type { Handlers } from '../core/runtime/dispatch';
import * as account from '../core/services/account';
import * as accessLog from '../core/services/access-log';
import * as accountClose from '../core/services/account-close';
import * as volunteerCard from '../core/services/volunteer-card';
import * as wechatBinding from '../core/services/wechat-binding';

export const handlers: Handlers<'account'> = {
  options: account.options,
  me: account.me,
  register: account.register,
  bindSenior: wechatBinding.bindSenior,
  updateProfile: account.updateProfile,
  accessLog: accessLog.myAccessLog,
  closeCheck: accountClose.closeCheck,
  close: accountClose.close,
  card: volunteerCard.card,
  cardToken: volunteerCard.cardToken,
};
