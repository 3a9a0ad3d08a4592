import type { Handlers } from '../core/runtime/dispatch';
import * as teams from '../core/services/teams';

export const handlers: Handlers<'teams'> = {
  list: teams.list,
};
