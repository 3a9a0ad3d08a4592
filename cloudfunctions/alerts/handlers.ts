import type { Handlers } from '../core/runtime/dispatch';
import * as alerts from '../core/services/alerts';
import * as roster from '../core/services/duty-roster';

export const handlers: Handlers<'alerts'> = {
  raise: alerts.raise,
  callList: alerts.callList,
  list: alerts.list,
  get: alerts.get,
  acknowledge: alerts.acknowledge,
  step: alerts.step,
  close: alerts.close,
  roster: roster.roster,
  setRoster: roster.setRoster,
  setChain: roster.setChain,
};
