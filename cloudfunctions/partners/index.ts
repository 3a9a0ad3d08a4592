/** CloudBase entry of the `partners` function: the caller is the OPENID of the WX context. */
import * as cloud from 'wx-server-sdk';
import { createCloudbaseMain } from '../core/runtime/cloudbase-entry';
import { partnersActions } from '../core/api/partners';
import { handlers } from './handlers';

export const main = createCloudbaseMain('partners', { actions: partnersActions, handlers }, cloud);
