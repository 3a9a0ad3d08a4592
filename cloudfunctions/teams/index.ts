/** CloudBase entry of the `teams` function: the caller is the OPENID of the WX context. */
import * as cloud from 'wx-server-sdk';
import { createCloudbaseMain } from '../core/runtime/cloudbase-entry';
import { teamsActions } from '../core/api/teams';
import { handlers } from './handlers';

export const main = createCloudbaseMain('teams', { actions: teamsActions, handlers }, cloud);
