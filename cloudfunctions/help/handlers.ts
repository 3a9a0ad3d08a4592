import type { Handlers } from '../core/runtime/dispatch';
import * as help from '../core/services/help';

export const handlers: Handlers<'help'> = {
  categories: help.categories,
  create: help.create,
  requests: help.requests,
  detail: help.detail,
  open: help.open,
  assigned: help.assigned,
  accept: help.accept,
  contact: help.contact,
  onTheWay: help.onTheWay,
  handBack: help.handBack,
  reportDone: help.reportDone,
  confirm: help.confirm,
  dispute: help.dispute,
  cancel: help.cancel,
  decideGrant: help.decideGrant,
  settle: help.settle,
  queue: help.queue,
  sweep: help.sweep,
};
