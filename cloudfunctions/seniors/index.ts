/** CloudBase entry of the `seniors` function: the caller is the OPENID of the WX context. */
import * as cloud from 'wx-server-sdk';
import { createCloudbaseMain } from '../core/runtime/cloudbase-entry';
import { seniorsActions } from '../core/api/seniors';
import { handlers } from './handlers';

export const main = createCloudbaseMain('seniors', { actions: seniorsActions, handlers }, cloud);
