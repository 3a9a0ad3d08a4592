/** CloudBase entry of the `alerts` function: the caller is the OPENID of the WX context. */
import * as cloud from 'wx-server-sdk';
import { createCloudbaseMain } from '../core/runtime/cloudbase-entry';
import { alertsActions } from '../core/api/alerts';
import { handlers } from './handlers';

export const main = createCloudbaseMain('alerts', { actions: alertsActions, handlers }, cloud);
