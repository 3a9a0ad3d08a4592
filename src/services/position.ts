/**
 * Where the user stands, in GCJ-02 (the system of the street's data and of WeChat's map), or null
 * when refused, unavailable or slower than five seconds. WeChat reports GCJ-02 directly; the
 * browser build uses position.h5.ts, which converts the browser's WGS84.
 */
import Taro from '@tarojs/taro';

export interface Position {
  latitude: number;
  longitude: number;
}

const TIMEOUT_MS = 5000;

export async function currentPosition(): Promise<Position | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), TIMEOUT_MS));
  const located = Taro.getLocation({ type: 'gcj02' }).then(
    (loc): Position => ({ latitude: loc.latitude, longitude: loc.longitude }),
    () => null,
  );
  return Promise.race([located, timeout]);
}
