import type { Handlers } from '../core/runtime/dispatch';
import * as teams from '../core/services/teams';
import { teamMonth } from '../core/services/team-month';

export const handlers: Handlers<'teams'> = {
  list: teams.list,
  detail: teams.detail,
  mine: teams.mine,
  join: teams.join,
  leave: teams.leave,
  decide: teams.decide,
  members: teams.members,
  memberPhone: teams.memberPhone,
  create: teams.create,
  update: teams.update,
  exportRecords: teams.exportRecords,
  month: teamMonth,
};
