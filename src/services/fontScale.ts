/**
 * Follow the system font size where the platform tells us. WeChat reports the user's font setting
 * (我-设置-通用-字体大小, and 关怀模式 which raises it) as `fontSizeScaleFactor` (1 = standard) and
 * as `fontSizeSetting` in px, where the standard is 17 px on iOS and 16 px on Android.
 *
 * - `systemFontScale()`: how much larger than standard the person reads (never below 1, capped so
 *   layouts still fit); normal mode multiplies its type by it.
 * - `systemCareMode()`: WeChat is at its 关怀模式 size (1.4 x standard, 23.8 px on iOS) or larger;
 *   elder mode is then on by default (src/state/store.ts), until the person turns it off.
 * - `elderFontScale()`: elder mode's type is already at the 关怀模式 size, so it only grows for
 *   settings beyond that.
 *
 * H5 does not report any of this; browsers apply their own zoom.
 */
import Taro from '@tarojs/taro';

/** WeChat's standard font size per platform, in px. */
export const STANDARD_PX = { ios: 17, android: 16 } as const;
/** WeChat's 关怀模式 font size relative to standard (23.8 px on iOS). */
export const CARE_SCALE = 1.4;
const MAX_SCALE = 1.6;
// fontSizeSetting is a whole number of px: 22.4 px on Android reads as 22.
const CARE_TOLERANCE = 0.05;

/** What WeChat's getAppBaseInfo / getSystemInfoSync report about fonts (Taro's typing omits them). */
interface FontInfo {
  fontSizeScaleFactor?: number;
  fontSizeSetting?: number;
  platform?: string;
}

let cached: number | null = null;

function platformOf(info: FontInfo): string {
  if (info.platform) return info.platform;
  try {
    if (typeof Taro.getDeviceInfo === 'function') return Taro.getDeviceInfo().platform ?? '';
  } catch {
    // unknown platform
  }
  return '';
}

/** The system font size relative to WeChat's standard, as reported (1 when unknown). */
function reportedScale(): number {
  if (process.env.TARO_ENV === 'h5') return 1;
  try {
    const info = (typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as FontInfo;
    const factor = info.fontSizeScaleFactor;
    if (typeof factor === 'number' && factor > 0) return factor;
    const size = info.fontSizeSetting;
    if (typeof size === 'number' && size > 0) {
      const standard = /ios/i.test(platformOf(info)) ? STANDARD_PX.ios : STANDARD_PX.android;
      return size / standard;
    }
  } catch {
    // keep 1
  }
  return 1;
}

/** Rounded to hundredths: the values end up in CSS, and 23.8 / 17 should be exactly 1.4. */
const round = (n: number): number => Math.round(n * 100) / 100;

function scale(): number {
  if (cached === null) cached = round(reportedScale());
  return cached;
}

/** Normal mode's type multiplier: the system font scale, never below 1, at most 1.6. */
export function systemFontScale(): number {
  return Math.min(MAX_SCALE, Math.max(1, scale()));
}

/** WeChat is at its 关怀模式 font size or larger. */
export function systemCareMode(): boolean {
  return scale() >= CARE_SCALE - CARE_TOLERANCE;
}

/** Elder mode's type multiplier: only settings beyond 关怀模式 make it larger still. */
export function elderFontScale(): number {
  return round(Math.min(MAX_SCALE / CARE_SCALE, Math.max(1, scale() / CARE_SCALE)));
}
