/**
 * The system font size as WeChat reports it (getAppBaseInfo, mocked here): the type multiplier,
 * and elder mode on by default at WeChat's 关怀模式 size, until the person turns it off.
 */
import type { MeResult } from '@/services/api';

interface Info {
  fontSizeScaleFactor?: number;
  fontSizeSetting?: number;
  platform?: string;
}

const storage = new Map<string, unknown>();

/** Loads fontScale and the store afresh with WeChat reporting `info` (weapp build). */
async function load(info: Info | (() => Info)) {
  jest.resetModules();
  jest.doMock('@tarojs/taro', () => ({
    __esModule: true,
    default: {
      getAppBaseInfo: jest.fn(typeof info === 'function' ? info : () => info),
      getSystemInfoSync: jest.fn(() => ({})),
      getDeviceInfo: jest.fn(() => ({ platform: 'android' })),
      getStorageSync: (k: string) => storage.get(k) ?? '',
      setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
      removeStorageSync: (k: string) => void storage.delete(k),
    },
  }));
  return { font: await import('@/services/fontScale'), store: await import('@/state/store') };
}

const me = (roles: string[], elderMode: boolean): MeResult => ({ roles, registered: true, profile: { elderMode } }) as unknown as MeResult;

const env = process.env.TARO_ENV;
beforeEach(() => {
  process.env.TARO_ENV = 'weapp';
  storage.clear();
});
afterAll(() => {
  process.env.TARO_ENV = env;
});

const font = async (info: Info | (() => Info)) => (await load(info)).font;

describe('system font scale', () => {
  test('uses fontSizeScaleFactor where WeChat gives it', async () => {
    const f = await font({ fontSizeScaleFactor: 1.2, fontSizeSetting: 16, platform: 'ios' });
    expect(f.systemFontScale()).toBeCloseTo(1.2);
    expect(f.systemCareMode()).toBe(false);
    expect(f.elderFontScale()).toBe(1);
  });

  test('falls back to fontSizeSetting against 17 px on iOS and 16 px on Android', async () => {
    expect((await font({ fontSizeSetting: 17, platform: 'ios' })).systemFontScale()).toBe(1);
    expect((await font({ fontSizeSetting: 20, platform: 'ios' })).systemFontScale()).toBeCloseTo(1.18);
    expect((await font({ fontSizeSetting: 20, platform: 'android' })).systemFontScale()).toBeCloseTo(1.25);
    // No platform in getAppBaseInfo: getDeviceInfo tells (android here).
    expect((await font({ fontSizeSetting: 20 })).systemFontScale()).toBeCloseTo(1.25);
  });

  test('never scales down, and caps large settings', async () => {
    expect((await font({ fontSizeScaleFactor: 0.85 })).systemFontScale()).toBe(1);
    expect((await font({ fontSizeScaleFactor: 2 })).systemFontScale()).toBe(1.6);
  });

  test('关怀模式 size or larger: care mode; elder type grows only beyond it', async () => {
    const ios = await font({ fontSizeSetting: 23.8, platform: 'ios' });
    expect(ios.systemCareMode()).toBe(true);
    expect(ios.elderFontScale()).toBe(1);
    expect((await font({ fontSizeSetting: 22, platform: 'android' })).systemCareMode()).toBe(true);
    expect((await font({ fontSizeSetting: 20, platform: 'android' })).systemCareMode()).toBe(false);
    const huge = await font({ fontSizeScaleFactor: 1.54 });
    expect(huge.systemCareMode()).toBe(true);
    expect(huge.elderFontScale()).toBeCloseTo(1.1);
  });

  test('reads WeChat once, and keeps 1 when it throws or reports nothing', async () => {
    let calls = 0;
    const once = await font(() => {
      calls += 1;
      return { fontSizeScaleFactor: 1.3 };
    });
    once.systemFontScale();
    once.systemCareMode();
    expect(calls).toBe(1);
    const failing = await font(() => {
      throw new Error('not supported');
    });
    expect(failing.systemFontScale()).toBe(1);
    expect((await font({})).systemCareMode()).toBe(false);
  });

  test('H5 reports nothing', async () => {
    process.env.TARO_ENV = 'h5';
    const f = await font({ fontSizeScaleFactor: 1.4 });
    expect(f.systemFontScale()).toBe(1);
    expect(f.systemCareMode()).toBe(false);
  });
});

describe('elder mode by default at 关怀模式 size', () => {
  const care = { fontSizeScaleFactor: 1.4 };
  const standard = { fontSizeScaleFactor: 1 };

  test('before registration: on at 关怀模式 size, off at standard size', async () => {
    const atCare = (await load(care)).store;
    expect(atCare.elderOf(atCare.getState())).toBe(true);
    const { store } = await load(standard);
    expect(store.elderOf(store.getState())).toBe(false);
  });

  test('a volunteer at 关怀模式 size gets elder mode without saving it, and can turn it off for good', async () => {
    const { store } = await load(care);
    store.setMe(me(['volunteer'], false));
    expect(store.elderOf(store.getState())).toBe(true);
    store.setLocalElder('off');
    expect(store.elderOf(store.getState())).toBe(false);
    // The choice is kept on the device: a restart (fresh modules, same storage) keeps it off.
    const again = (await load(care)).store;
    again.setMe(me(['volunteer'], false));
    expect(again.elderOf(again.getState())).toBe(false);
  });

  test('at standard size a volunteer follows the profile, a senior has it unless turned off', async () => {
    const { store } = await load(standard);
    store.setMe(me(['volunteer'], false));
    expect(store.elderOf(store.getState())).toBe(false);
    store.setMe(me(['volunteer'], true));
    expect(store.elderOf(store.getState())).toBe(true);
    store.setMe(me(['senior'], false));
    expect(store.elderOf(store.getState())).toBe(true);
    store.setLocalElder('off');
    expect(store.elderOf(store.getState())).toBe(false);
  });
});
