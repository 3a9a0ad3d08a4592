/** CloudBase entry of the `certificates` function: the caller is the OPENID of the WX context. */
import * as cloud from 'wx-server-sdk';
import { createCloudbaseMain } from '../core/runtime/cloudbase-entry';
import { certificatesActions } from '../core/api/certificates';
import { handlers } from './handlers';

export const main = createCloudbaseMain('certificates', { actions: certificatesActions, handlers }, cloud);
