/** CloudBase entry of the `records` function: the caller is the OPENID of the WX context. */
import * as cloud from 'wx-server-sdk';
import { createCloudbaseMain } from '../core/runtime/cloudbase-entry';
import { recordsActions } from '../core/api/records';
import { handlers } from './handlers';

export const main = createCloudbaseMain('records', { actions: recordsActions, handlers }, cloud);
