/**
 * A Notifier for tests that records every send and answers as told: by default WeChat accepts; a
 * test can make one person's sends fail with an errcode (43101 = not subscribed), or fail them all.
 */
import type { Notifier, SendRequest, SendResult } from '../../cloudfunctions/core/notifier/port';

export interface FakeNotifier extends Omit<Notifier, 'kind'> {
  /** 'local' makes it answer as the local runtime's stand-in (nothing reaches WeChat). */
  kind: Notifier['kind'];
  sent: SendRequest[];
  /** openid → errcode to answer instead of accepting. */
  failFor: Map<string, number>;
  /** Answer every send with this errcode (null: accept). */
  failAll: number | null;
  /** Called before answering, e.g. to crash between the send and its record. */
  onSend?: (r: SendRequest) => void | Promise<void>;
}

export function createFakeNotifier(): FakeNotifier {
  const fake: FakeNotifier = {
    kind: 'wechat',
    needsTemplateId: false,
    sent: [],
    failFor: new Map(),
    failAll: null,
    async send(r: SendRequest): Promise<SendResult> {
      await fake.onSend?.(r);
      const errcode = fake.failAll ?? fake.failFor.get(r.openid) ?? null;
      if (errcode !== null) return { ok: false, errcode, errmsg: 'fake refusal' };
      fake.sent.push(r);
      return { ok: true };
    },
  };
  return fake;
}
