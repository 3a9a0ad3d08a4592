import type { Handlers } from '../core/runtime/dispatch';
import * as timebank from '../core/services/timebank';

export const handlers: Handlers<'timebank'> = {
  balance: timebank.balance,
  statement: timebank.statement,
  stars: timebank.stars,
  links: timebank.links,
  proposeLink: timebank.proposeLink,
  confirmLink: timebank.confirmLink,
  removeLink: timebank.removeLink,
  gift: timebank.gift,
  donate: timebank.donate,
  grant: timebank.grant,
  adjust: timebank.adjust,
  reverse: timebank.reverse,
  account: timebank.account,
  pool: timebank.pool,
  adjustments: timebank.adjustments,
  policy: timebank.policy,
  setPolicy: timebank.setPolicy,
};
