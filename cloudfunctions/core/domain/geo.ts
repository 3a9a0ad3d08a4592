/** Distances on the ground for the optional check-in geofence. Only the distance is ever kept. No I/O. */

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

export interface LatLng {
  latitude: number;
  longitude: number;
}

/** Great-circle (haversine) distance in metres, rounded to the metre. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}

/**
 * Whether a reported position is close enough. A phone's own accuracy estimate (metres) widens the
 * circle a little, never by more than `maxSlackM`, so a poor fix indoors does not lock people out.
 */
export function withinGeofence(distanceM: number, radiusM: number, accuracyM?: number, maxSlackM = 100): boolean {
  const slack = Math.min(Math.max(accuracyM ?? 0, 0), maxSlackM);
  return distanceM <= radiusM + slack;
}
