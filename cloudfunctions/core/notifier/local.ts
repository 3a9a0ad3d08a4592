/**
 * The local Notifier: there is no WeChat on a developer's machine, so the outbox row itself is the
 * record of what would have been sent (the 已发通知 page lists it). It accepts every message as
 * WeChat would accept one to a subscribed person; subscription accounting (sends left, 未订阅)
 * happens before it is called, the same way on both runtimes.
 */
import type { Notifier, SendRequest, SendResult } from './port';

export function createLocalNotifier(): Notifier {
  return {
    kind: 'local',
    needsTemplateId: false,
    async send(_request: SendRequest): Promise<SendResult> {
      return { ok: true };
    },
  };
}
