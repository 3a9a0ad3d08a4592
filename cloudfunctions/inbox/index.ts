/** CloudBase entry of the `inbox` function: the caller is the OPENID of the WX context. */
import * as cloud from 'wx-server-sdk';
import { createCloudbaseMain } from '../core/runtime/cloudbase-entry';
import { inboxActions } from '../core/api/inbox';
import { handlers } from './handlers';

export const main = createCloudbaseMain('inbox', { actions: inboxActions, handlers }, cloud);
