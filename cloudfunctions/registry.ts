/** Every function's handlers, for the local host and the docs. Entries import only their own. */
import type { FunctionName } from './core/api';
import type { Handlers } from './core/runtime/dispatch';
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

export const REGISTRY: { [F in FunctionName]: Handlers<F> } = { account, admin, teams, timebank, records, activities, inbox, seniors, help, partners, scheduler };
