/**
 * WGS84 → GCJ-02 with gcoord: browsers report WGS84, which in Shanghai lies about 500 m from the
 * GCJ-02 of the street's data and of WeChat's map. Pure (no Taro), so tests use it too.
 */
import gcoord from 'gcoord';

export function wgs84ToGcj02(latitude: number, longitude: number): { latitude: number; longitude: number } {
  const [lng, lat] = gcoord.transform([longitude, latitude], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return { latitude: lat, longitude: lng };
}
