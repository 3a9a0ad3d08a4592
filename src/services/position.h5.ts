/**
 * Browser variant of position.ts: browsers report WGS84, which in Shanghai lies about 500 m from
 * the GCJ-02 of the street's data; services/gcj02.ts converts it, or every distance would be off by that much.
 */
import Taro from '@tarojs/taro';
import { wgs84ToGcj02 } from './gcj02';

export interface Position {
  latitude: number;
  longitude: number;
}

const TIMEOUT_MS = 5000;

export async function currentPosition(): Promise<Position | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), TIMEOUT_MS));
  const located = Taro.getLocation({ type: 'wgs84' }).then(
    (loc): Position => wgs84ToGcj02(loc.latitude, loc.longitude),
    () => null,
  );
  return Promise.race([located, timeout]);
}
