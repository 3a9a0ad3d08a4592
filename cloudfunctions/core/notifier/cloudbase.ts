/**
 * The CloudBase Notifier: `cloud.openapi.subscribeMessage.send` (each function that sends declares
 * the openapi permission in its config.json). The SDK rejects with `errCode` when WeChat refuses;
 * some versions resolve with a non-zero `errCode` instead: both become a SendResult, never a throw.
 */
import type { Notifier, SendRequest, SendResult } from './port';

export interface SubscribeMessageApi {
  openapi: {
    subscribeMessage: {
      send(args: {
        touser: string;
        templateId: string;
        page: string;
        data: Record<string, { value: string }>;
        miniprogramState?: string;
        lang?: string;
      }): Promise<{ errCode?: number; errMsg?: string }>;
    };
  };
}

/** developer / trial / formal: which build of the mini-program the message opens. */
const state = () => process.env.WX_MINIPROGRAM_STATE ?? 'formal';

export function createCloudbaseNotifier(cloud: SubscribeMessageApi): Notifier {
  return {
    kind: 'wechat',
    needsTemplateId: true,
    async send(r: SendRequest): Promise<SendResult> {
      try {
        const res = await cloud.openapi.subscribeMessage.send({
          touser: r.openid,
          templateId: r.templateId,
          page: r.page,
          data: r.data,
          miniprogramState: state(),
          lang: 'zh_CN',
        });
        if (res && typeof res.errCode === 'number' && res.errCode !== 0) return { ok: false, errcode: res.errCode, errmsg: res.errMsg ?? '' };
        return { ok: true };
      } catch (e) {
        const err = e as { errCode?: number; errMsg?: string; message?: string };
        return { ok: false, errcode: typeof err.errCode === 'number' ? err.errCode : -1, errmsg: err.errMsg ?? err.message ?? String(e) };
      }
    },
  };
}
