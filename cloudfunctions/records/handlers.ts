import type { Handlers } from '../core/runtime/dispatch';
import * as records from '../core/services/records';

export const handlers: Handlers<'records'> = {
  create: records.create,
  approve: records.approve,
  reject: records.reject,
  reverse: records.reverse,
  mine: records.mine,
  team: records.team,
  awaitingReview: records.awaitingReview,
  appeal: records.appeal,
  appeals: records.appeals,
  decideAppeal: records.decideAppeal,
  totals: records.totals,
};
