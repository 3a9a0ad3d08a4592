/**
 * Where the user stands, in GCJ-02 (the system of the street's data and of WeChat's map), or null
 * when refused, unavailable or slower than five seconds. position.ts (WeChat, which reports GCJ-02)
 * and position.h5.ts (browsers, which report WGS84) each ask in their own system and convert.
 */
import Taro from '@tarojs/taro';

export interface Position {
  latitude: number;
  longitude: number;
}

const TIMEOUT_MS = 5000;

export function locate(type: 'gcj02' | 'wgs84', toGcj02: (latitude: number, longitude: number) => Position): Promise<Position | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), TIMEOUT_MS));
  const located = Taro.getLocation({ type }).then(
    (loc) => toGcj02(loc.latitude, loc.longitude),
    () => null,
  );
  return Promise.race([located, timeout]);
}
