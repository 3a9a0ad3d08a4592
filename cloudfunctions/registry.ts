/** Every function's handlers, for the local host and the docs. Entries import only their own. */
import type { FunctionName } from './core/api';
import type { Handlers } from './core/runtime/dispatch';
import { handlers as account } from './account/handlers';
import { handlers as admin } from './admin/handlers';
import { handlers as teams } from './teams/handlers';

export const REGISTRY: { [F in FunctionName]: Handlers<F> } = { account, admin, teams };
