/** CloudBase entry of the `records` function: the caller is the OPENID of the WX context. */
import * as cloud from 'wx-server-sdk';
import { createCloudbaseMain } from '../core/runtime/cloudbase-entry';
import { handlers } from './handlers';

export const main = createCloudbaseMain('records', handlers, cloud);
