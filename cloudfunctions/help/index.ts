/** CloudBase entry of the `help` function: the caller is the OPENID of the WX context. */
import * as cloud from 'wx-server-sdk';
import { createCloudbaseMain } from '../core/runtime/cloudbase-entry';
import { helpActions } from '../core/api/help';
import { handlers } from './handlers';

export const main = createCloudbaseMain('help', { actions: helpActions, handlers }, cloud);
