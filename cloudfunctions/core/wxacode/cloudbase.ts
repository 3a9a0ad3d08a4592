/**
 * CloudBase adapter of the Wxacode port: `cloud.openapi.wxacode.getUnlimited`, which needs the
 * function's config.json to declare the `wxacode.getUnlimited` openapi permission. The SDK answers
 * `{ buffer, contentType }`, or rejects / resolves with a non-zero `errCode` when WeChat refuses
 * (e.g. the page is not published yet): both throw, and the caller falls back to a URL QR.
 */
import type { Wxacode } from './port';

export interface WxacodeApi {
  openapi: {
    wxacode: {
      getUnlimited(args: {
        scene: string;
        page: string;
        checkPath?: boolean;
        envVersion?: string;
        width?: number;
        isHyaline?: boolean;
      }): Promise<{ buffer?: Buffer | Uint8Array; contentType?: string; errCode?: number; errMsg?: string }>;
    };
  };
}

/** release / trial / develop: which build the code opens (as WX_MINIPROGRAM_STATE for messages). */
const envVersion = () => ({ developer: 'develop', trial: 'trial' })[process.env.WX_MINIPROGRAM_STATE ?? ''] ?? 'release';

export function createCloudbaseWxacode(cloud: WxacodeApi): Wxacode {
  return {
    async unlimited({ scene, page }) {
      const res = await cloud.openapi.wxacode.getUnlimited({ scene, page, checkPath: false, envVersion: envVersion(), width: 430 });
      if (res && typeof res.errCode === 'number' && res.errCode !== 0) throw new Error(`wxacode.getUnlimited: ${res.errCode} ${res.errMsg ?? ''}`);
      if (!res?.buffer || res.buffer.length === 0) throw new Error('wxacode.getUnlimited returned no image');
      return Buffer.from(res.buffer);
    },
  };
}
