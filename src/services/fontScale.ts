/**
 * Follow the system font size where the platform tells us: WeChat reports the user's font
 * setting (我-设置-通用-字体大小) as `fontSizeSetting` in px. The standard setting is taken as
 * 16 px; larger settings scale our type up (never down), capped so layouts still fit.
 * H5 does not report it; browsers apply their own zoom.
 */
import Taro from '@tarojs/taro';

const STANDARD = 16;
const MAX_SCALE = 1.6;
let cached: number | null = null;

export function systemFontScale(): number {
  if (cached !== null) return cached;
  cached = 1;
  if (process.env.TARO_ENV === 'h5') return cached;
  try {
    // WeChat's getAppBaseInfo reports fontSizeSetting too, though Taro's typing omits it.
    const info = (typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as {
      fontSizeSetting?: number;
    };
    const size = info.fontSizeSetting;
    if (typeof size === 'number' && size > 0) cached = Math.min(MAX_SCALE, Math.max(1, size / STANDARD));
  } catch {
    // keep 1
  }
  return cached;
}
