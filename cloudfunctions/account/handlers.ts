import type { Handlers } from '../core/runtime/dispatch';
import * as account from '../core/services/account';
import * as accountClose from '../core/services/account-close';
import * as volunteerCard from '../core/services/volunteer-card';

export const handlers: Handlers<'account'> = {
  options: account.options,
  me: account.me,
  register: account.register,
  updateProfile: account.updateProfile,
  closeCheck: accountClose.closeCheck,
  close: accountClose.close,
  card: volunteerCard.card,
  cardToken: volunteerCard.cardToken,
};
