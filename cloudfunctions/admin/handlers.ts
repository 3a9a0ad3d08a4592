import type { Handlers } from '../core/runtime/dispatch';
import * as admin from '../core/services/admin';
import * as streetMap from '../core/services/street-map';
import { pollReport, startReport, streetReport } from '../core/services/report';

export const handlers: Handlers<'admin'> = {
  listUsers: admin.listUsers,
  grantRole: admin.grantRole,
  revokeRole: admin.revokeRole,
  report: streetReport,
  reportStart: startReport,
  reportPoll: pollReport,
  importStreetMap: streetMap.importStreetMap,
  streetMap: streetMap.streetMapInfo,
};
