/**
 * One rule colours a message's delivery state on the alarm chain and on the outbox page
 * (src/components/Tag/delivery.ts): only a message WeChat took is green; locally 'sent' is not.
 */
import { deliveryKind } from '../../src/components/Tag/delivery';

describe('deliveryKind', () => {
  it('is green only for a message WeChat took, or a person who took the alert', () => {
    expect(deliveryKind('sent', 'wechat')).toBe('success');
    expect(deliveryKind('acknowledged', 'wechat')).toBe('success');
    expect(deliveryKind('acknowledged', 'local')).toBe('success');
  });
  it('locally sent is not green, on both pages', () => {
    expect(deliveryKind('sent', 'local')).toBe('info');
  });
  it('warns for no subscription and for retries, and says failure', () => {
    expect(deliveryKind('unsubscribed', 'wechat')).toBe('warning');
    expect(deliveryKind('retrying', 'wechat')).toBe('warning');
    expect(deliveryKind('failed', 'local')).toBe('error');
  });
  it('a first wait is information, a skipped or unknown one neutral', () => {
    expect(deliveryKind('pending', 'wechat')).toBe('info');
    expect(deliveryKind('skipped', 'wechat')).toBe('neutral');
    expect(deliveryKind(null, 'local')).toBe('neutral');
  });
});
