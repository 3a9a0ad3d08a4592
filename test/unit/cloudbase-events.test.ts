/**
 * What the CloudBase entries take from an event. Shapes as CloudBase delivers them:
 * - wx.cloud.callFunction: the caller's `data` plus `userInfo: { appId, openId }` (WeChat's
 *   invokeCloudFunction documentation shows such an event as `{"userInfo":{"appId":"SAMPLE_APPID"}}`);
 * - `tcbContext`, logged beside `userInfo` by CloudBase users in public mini-program repositories;
 * - the timer trigger: `{ Type: 'Timer', TriggerName, Time, Message }` (SCF's timer event; the
 *   serverless.com Tencent provider documents the type as lower-case "timer").
 * The built bundles are driven with these shapes end to end in test/production/rehearsal.test.ts.
 */
import { callOf } from '../../cloudfunctions/core/runtime/cloudbase-entry';
import { isTimerEvent } from '../../cloudfunctions/scheduler/index';

it('keeps action, data and requestId and drops every platform key', () => {
  const event = {
    action: 'join',
    data: { teamId: 't_patrol' },
    requestId: 'req-12345678',
    userInfo: { appId: 'wx0123456789abcdef', openId: 'o-someone-else' },
    tcbContext: { requestId: 'tcb-1' },
    SOURCE: 'wx_client',
  };
  expect(callOf(event)).toEqual({ action: 'join', data: { teamId: 't_patrol' }, requestId: 'req-12345678' });
  expect(callOf({ action: 'me', userInfo: { appId: 'a' } })).toEqual({ action: 'me' });
});

it('passes on what is not an object, for the dispatcher to refuse as BAD_REQUEST', () => {
  expect(callOf(null)).toBeNull();
  expect(callOf('run')).toBe('run');
  expect(callOf([1])).toEqual([1]);
});

it('recognises the timer trigger in both spellings, and nothing else', () => {
  expect(isTimerEvent({ Type: 'Timer', TriggerName: 'every15min', Time: '2026-12-01T02:00:00Z', Message: '' })).toBe(true);
  expect(isTimerEvent({ Type: 'timer', TriggerName: 'every15min', Time: '2026-12-01T02:00:00Z' })).toBe(true);
  expect(isTimerEvent({ Type: 'Timer' })).toBe(false);
  expect(isTimerEvent({ action: 'run', data: {}, userInfo: { appId: 'a', openId: 'o' } })).toBe(false);
  expect(isTimerEvent(undefined)).toBe(false);
});
