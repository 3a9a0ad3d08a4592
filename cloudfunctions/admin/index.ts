/** CloudBase entry of the `admin` function: the caller is the OPENID of the WX context. */
import * as cloud from 'wx-server-sdk';
import { createCloudbaseMain } from '../core/runtime/cloudbase-entry';
import { adminActions } from '../core/api/admin';
import { handlers } from './handlers';

export const main = createCloudbaseMain('admin', { actions: adminActions, handlers }, cloud);
