/** CloudBase entry of the `timebank` function: the caller is the OPENID of the WX context. */
import * as cloud from 'wx-server-sdk';
import { createCloudbaseMain } from '../core/runtime/cloudbase-entry';
import { timebankActions } from '../core/api/timebank';
import { handlers } from './handlers';

export const main = createCloudbaseMain('timebank', { actions: timebankActions, handlers }, cloud);
