/**
 * 核验证明 opened cold from a proof's QR: the page loads the caller's profile (without sending a
 * guest to login or registration), so an elder-mode user's saved setting applies at once.
 */
import type { MeResult } from '@/services/api';

const storage = new Map<string, unknown>();
let answer: MeResult | Error;
let session = true;
const calls: string[] = [];

async function load() {
  jest.resetModules();
  jest.doMock('@tarojs/taro', () => ({
    __esModule: true,
    default: {
      getAppBaseInfo: () => ({ fontSizeScaleFactor: 1 }),
      getSystemInfoSync: () => ({}),
      getDeviceInfo: () => ({ platform: 'android' }),
      getStorageSync: (k: string) => storage.get(k) ?? '',
      setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
      removeStorageSync: (k: string) => void storage.delete(k),
    },
  }));
  jest.doMock('@/services/api', () => ({
    hasSession: () => session,
    call: async (fn: string, action: string) => {
      calls.push(`${fn}.${action}`);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  }));
  const store = await import('@/state/store');
  const { loadProfileQuietly } = await import('@/packages/certificate/verify/profile');
  return { store, loadProfileQuietly };
}

const elderVolunteer = { registered: true, roles: ['volunteer'], profile: { elderMode: true } } as unknown as MeResult;

const env = process.env.TARO_ENV;
beforeEach(() => {
  process.env.TARO_ENV = 'weapp';
  storage.clear();
  calls.length = 0;
  session = true;
});
afterAll(() => {
  process.env.TARO_ENV = env;
});

test('a cold open loads the saved profile, and elder mode follows it', async () => {
  answer = elderVolunteer;
  const { store, loadProfileQuietly } = await load();
  expect(store.elderOf(store.getState())).toBe(false);
  await loadProfileQuietly();
  expect(calls).toEqual(['account.me']);
  expect(store.elderOf(store.getState())).toBe(true);
});

test('a profile already loaded by another page is not fetched again', async () => {
  answer = elderVolunteer;
  const { store, loadProfileQuietly } = await load();
  store.setMe(elderVolunteer);
  await loadProfileQuietly();
  expect(calls).toEqual([]);
});

test('without a session, or when account.me fails, nothing happens and nothing is thrown (anyone may verify)', async () => {
  session = false;
  let loaded = await load();
  await loaded.loadProfileQuietly();
  expect(calls).toEqual([]);
  session = true;
  answer = new Error('network');
  loaded = await load();
  await expect(loaded.loadProfileQuietly()).resolves.toBeUndefined();
  expect(loaded.store.elderOf(loaded.store.getState())).toBe(false);
});
