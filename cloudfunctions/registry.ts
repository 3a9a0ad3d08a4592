/** Every function's actions and handlers, for the local host and the docs. Entries import only their own. */
import { CONTRACT, type FunctionName } from './core/api';
import type { FunctionUnit, Handlers } from './core/runtime/dispatch';
import { handlers as account } from './account/handlers';
import { handlers as admin } from './admin/handlers';
import { handlers as teams } from './teams/handlers';
import { handlers as timebank } from './timebank/handlers';
import { handlers as records } from './records/handlers';
import { handlers as activities } from './activities/handlers';
import { handlers as inbox } from './inbox/handlers';
import { handlers as seniors } from './seniors/handlers';
import { handlers as help } from './help/handlers';
import { handlers as partners } from './partners/handlers';
import { handlers as scheduler } from './scheduler/handlers';
import { handlers as setup } from './setup/handlers';
import { handlers as alerts } from './alerts/handlers';
import { handlers as certificates } from './certificates/handlers';

const HANDLERS: { [F in FunctionName]: Handlers<F> } = {
  account,
  admin,
  teams,
  timebank,
  records,
  activities,
  inbox,
  seniors,
  help,
  partners,
  scheduler,
  setup,
  alerts,
  certificates,
};

const unit = <F extends FunctionName>(fn: F): FunctionUnit<F> => ({ actions: CONTRACT[fn], handlers: HANDLERS[fn] });

export const REGISTRY: { [F in FunctionName]: FunctionUnit<F> } = {
  account: unit('account'),
  admin: unit('admin'),
  teams: unit('teams'),
  timebank: unit('timebank'),
  records: unit('records'),
  activities: unit('activities'),
  inbox: unit('inbox'),
  seniors: unit('seniors'),
  help: unit('help'),
  partners: unit('partners'),
  scheduler: unit('scheduler'),
  setup: unit('setup'),
  alerts: unit('alerts'),
  certificates: unit('certificates'),
};
