/**
 * The Notifier port: sends one WeChat subscription message (订阅消息). Services never call it: they
 * write notices to the outbox inside their transaction (services/inbox.ts `notify`), and delivery
 * (services/delivery.ts) hands each one to the notifier after the commit. Two adapters, chosen at
 * start-up like the Store: CloudBase (`cloud.openapi.subscribeMessage.send`) and local (the outbox
 * is the record; the 已发通知 page shows what would have been sent).
 */
import type { RenderedFields } from '../domain/notifications';

export interface SendRequest {
  /** The recipient's WeChat OPENID (the local runtime's dev identity locally). */
  openid: string;
  templateId: string;
  /** The mini-program page the message opens, with its query. */
  page: string;
  data: RenderedFields;
}

export type SendResult = { ok: true } | { ok: false; errcode: number; errmsg: string };

export interface Notifier {
  readonly kind: 'wechat' | 'local';
  /** WeChat needs a template id from the admin console; the local outbox does not. */
  readonly needsTemplateId: boolean;
  /** Never throws: a refusal or a network failure comes back as an errcode. */
  send(request: SendRequest): Promise<SendResult>;
}
