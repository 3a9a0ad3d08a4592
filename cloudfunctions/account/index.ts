/** CloudBase entry of the `account` function: the caller is the OPENID of the WX context. */
import * as cloud from 'wx-server-sdk';
import { createCloudbaseMain } from '../core/runtime/cloudbase-entry';
import { accountActions } from '../core/api/account';
import { handlers } from './handlers';

export const main = createCloudbaseMain('account', { actions: accountActions, handlers }, cloud);
