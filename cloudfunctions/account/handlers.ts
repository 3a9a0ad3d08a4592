import type { Handlers } from '../core/runtime/dispatch';
import * as account from '../core/services/account';

export const handlers: Handlers<'account'> = {
  options: account.options,
  me: account.me,
  register: account.register,
  updateProfile: account.updateProfile,
};
