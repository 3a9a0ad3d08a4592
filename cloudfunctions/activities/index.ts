/** CloudBase entry of the `activities` function: the caller is the OPENID of the WX context. */
import * as cloud from 'wx-server-sdk';
import { createCloudbaseMain } from '../core/runtime/cloudbase-entry';
import { activitiesActions } from '../core/api/activities';
import { handlers } from './handlers';

export const main = createCloudbaseMain('activities', { actions: activitiesActions, handlers }, cloud);
