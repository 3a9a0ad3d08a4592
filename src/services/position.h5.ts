/**
 * Browser variant of position.ts: browsers report WGS84, which in Shanghai lies about 500 m from
 * the GCJ-02 of the street's data; services/gcj02.ts converts it, or every distance would be off by that much.
 */
import { locate } from './locate';
import { wgs84ToGcj02 } from './gcj02';

export const currentPosition = () => locate('wgs84', wgs84ToGcj02);
