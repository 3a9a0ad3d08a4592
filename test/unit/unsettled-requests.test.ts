/**
 * An action whose outcome is unknown keeps its requestId across pages (services/api.ts
 * RequestIdKeeper): doing the same thing again reuses it, so the server answers the first attempt
 * rather than doing it twice. A definite answer ends that. And the 一键求助 numbers a phone keeps for
 * when the network fails (services/offline-calls.ts).
 */
import type { CallEntry } from '@core/api';

const storage = new Map<string, unknown>();

async function load() {
  jest.resetModules();
  jest.doMock('@tarojs/taro', () => ({
    __esModule: true,
    default: {
      getStorageSync: (k: string) => storage.get(k) ?? '',
      setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
      removeStorageSync: (k: string) => void storage.delete(k),
    },
  }));
  return { api: await import('@/services/api'), calls: await import('@/services/offline-calls') };
}

beforeEach(() => storage.clear());

const gift = { fn: 'timebank', action: 'gift', data: { toUserId: 'u_1', minutes: 60 } };

describe('RequestIdKeeper', () => {
  test('after an unknown outcome the same action from a new page reuses its id; a definite answer ends it', async () => {
    const { api } = await load();
    for (const code of ['NETWORK', 'INTERNAL', 'BUSY', 'BAD_RESPONSE']) {
      const first = new api.RequestIdKeeper();
      const id = first.idFor(gift);
      first.settle(new api.ApiError(code, 'x'));
      // Another page (a new keeper), the same payload in another key order: the same request.
      const again = new api.RequestIdKeeper();
      expect(again.idFor({ action: 'gift', data: { minutes: 60, toUserId: 'u_1' }, fn: 'timebank' })).toBe(id);
      again.settle();
      // Answered: the next one is a new action.
      const next = new api.RequestIdKeeper();
      expect(next.idFor(gift)).not.toBe(id);
      next.settle();
    }
  });

  test('a definite refusal and other input get new ids', async () => {
    const { api } = await load();
    const k = new api.RequestIdKeeper();
    const id = k.idFor(gift);
    k.settle(new api.ApiError('VALIDATION', '余额不足'));
    expect(k.idFor(gift)).not.toBe(id);
    const uncertain = k.idFor(gift);
    k.settle(new api.ApiError('NETWORK', 'x'));
    expect(k.idFor({ ...gift, data: { toUserId: 'u_1', minutes: 30 } })).not.toBe(uncertain);
    expect(new api.ApiError('FORBIDDEN', 'x').uncertain).toBe(false);
    expect(new api.ApiError('INTERNAL', 'x').uncertain).toBe(true);
  });

  test('an unknown outcome is kept for ten minutes, not for ever', async () => {
    const { api } = await load();
    const now = jest.spyOn(Date, 'now');
    try {
      now.mockReturnValue(1_000_000);
      const k = new api.RequestIdKeeper();
      const id = k.idFor(gift);
      k.settle(new api.ApiError('NETWORK', 'x'));
      now.mockReturnValue(1_000_000 + 9 * 60_000);
      expect(new api.RequestIdKeeper().idFor(gift)).toBe(id);
      now.mockReturnValue(1_000_000 + 11 * 60_000);
      expect(new api.RequestIdKeeper().idFor(gift)).not.toBe(id);
    } finally {
      now.mockRestore();
    }
  });
});

describe('unknown outcomes across a restart of the mini-program', () => {
  test('are kept in storage by a hash, so the same action after reopening reuses its id; forgetting clears them', async () => {
    const before = await load();
    const k = new before.api.RequestIdKeeper();
    const register = { fn: 'seniors', action: 'register', data: { name: '沈阿婆', address: '滨江苑 21 号楼 302', healthNotes: '高血压' } };
    const id = k.idFor(register);
    k.settle(new before.api.ApiError('NETWORK', 'x'));
    // What the phone stores names no part of the payload.
    const stored = JSON.stringify(storage.get('requests.unsettled'));
    expect(stored).toContain(id);
    for (const secret of ['沈阿婆', '滨江苑', '高血压', 'register']) expect(stored).not.toContain(secret);

    // The mini-program is closed and opened again: a fresh module over the same storage.
    const after = await load();
    const again = new after.api.RequestIdKeeper();
    expect(again.idFor(register)).toBe(id);
    again.settle();
    expect(storage.has('requests.unsettled')).toBe(false);

    const third = new after.api.RequestIdKeeper();
    const other = third.idFor(gift);
    third.settle(new after.api.ApiError('BUSY', 'x'));
    after.api.forgetUnsettled();
    expect(storage.has('requests.unsettled')).toBe(false);
    const reopened = await load();
    expect(new reopened.api.RequestIdKeeper().idFor(gift)).not.toBe(other);
  });

  test('ignores a stored list it cannot read', async () => {
    storage.set('requests.unsettled', [['x', { id: 5 }], 'nonsense', null]);
    const { api } = await load();
    const k = new api.RequestIdKeeper();
    expect(k.idFor(gift)).toMatch(/^r[a-z0-9]+-[a-z0-9]+$/);
  });
});

describe('offline call list', () => {
  const daughter: CallEntry = { kind: 'family', label: '女儿', name: '沈小妹', phone: '13900000001' };

  test('120 and 110 without a kept list; the kept list for its viewer and senior, or when the viewer is not known', async () => {
    const { calls } = await load();
    expect(calls.offlineCalls('u_s', null).map((c) => c.phone)).toEqual(['120', '110']);
    calls.keepCalls('u_s', null, [daughter, ...calls.EMERGENCY_CALLS]);
    expect(calls.offlineCalls('u_s', null).map((c) => c.phone)).toEqual(['13900000001', '120', '110']);
    expect(calls.offlineCalls(null, null).map((c) => c.phone)).toEqual(['13900000001', '120', '110']);
    // Another person signed in on this phone, or another senior: not her list.
    expect(calls.offlineCalls('u_other', null).map((c) => c.phone)).toEqual(['120', '110']);
    expect(calls.offlineCalls('u_s', 'u_mother').map((c) => c.phone)).toEqual(['120', '110']);
    calls.forgetCalls();
    expect(calls.offlineCalls(null, null).map((c) => c.phone)).toEqual(['120', '110']);
  });
});
