/**
 * Test images made on the spot: a JPEG carrying an EXIF block with a GPS position and an
 * orientation (as a phone camera writes it), a PNG, and bytes that only pretend to be a photo.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** A w×h image: left half red, right half blue (so a rotation is visible in the pixels). */
function pixels(w: number, h: number): Buffer {
  const data = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const left = x < w / 2;
      data[i] = left ? 220 : 20;
      data[i + 1] = 30;
      data[i + 2] = left ? 20 : 220;
      data[i + 3] = 255;
    }
  }
  return data;
}

export function pngImage(w = 64, h = 48): Buffer {
  const png = new PNG({ width: w, height: h });
  pixels(w, h).copy(png.data);
  return PNG.sync.write(png);
}

/**
 * A little-endian TIFF/EXIF block: IFD0 with Orientation and a GPS IFD pointer, the GPS IFD with
 * latitude/longitude (degrees, minutes, seconds as rationals). Offsets count from the TIFF header.
 */
function exifBlock(orientation: number, lat: number, lng: number): Buffer {
  const tiff = Buffer.alloc(140);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number | Buffer) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    if (Buffer.isBuffer(value)) value.copy(tiff, at + 8);
    else if (type === 3) tiff.writeUInt16LE(value, at + 8);
    else tiff.writeUInt32LE(value, at + 8);
  };
  // IFD0 at 8: Orientation (SHORT) and GPSInfo (LONG → 38).
  tiff.writeUInt16LE(2, 8);
  entry(10, 0x0112, 3, 1, orientation);
  entry(22, 0x8825, 4, 1, 38);
  tiff.writeUInt32LE(0, 34);
  // GPS IFD at 38: refs inline, rationals at 92 and 116.
  tiff.writeUInt16LE(4, 38);
  entry(40, 0x0001, 2, 2, Buffer.from('N\0'));
  entry(52, 0x0002, 5, 3, 92);
  entry(64, 0x0003, 2, 2, Buffer.from('E\0'));
  entry(76, 0x0004, 5, 3, 116);
  tiff.writeUInt32LE(0, 88);
  const dms = (at: number, deg: number) => {
    const d = Math.floor(deg);
    const m = Math.floor((deg - d) * 60);
    const s = Math.round(((deg - d) * 60 - m) * 60 * 100);
    [
      [d, 1],
      [m, 1],
      [s, 100],
    ].forEach(([n, den], k) => {
      tiff.writeUInt32LE(n!, at + k * 8);
      tiff.writeUInt32LE(den!, at + k * 8 + 4);
    });
  };
  dms(92, lat);
  dms(116, lng);
  const header = Buffer.from('Exif\0\0', 'latin1');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(2 + header.length + tiff.length);
  return Buffer.concat([Buffer.from([0xff, 0xe1]), length, header, tiff]);
}

/** A JPEG as a phone writes it: EXIF with where it was taken and how to turn it, after SOI. */
export function cameraJpeg(options: { w?: number; h?: number; orientation?: number; lat?: number; lng?: number } = {}): Buffer {
  const w = options.w ?? 80;
  const h = options.h ?? 40;
  const plain = Buffer.from(jpeg.encode({ width: w, height: h, data: pixels(w, h) }, 90).data);
  return Buffer.concat([plain.subarray(0, 2), exifBlock(options.orientation ?? 1, options.lat ?? 31.2388, options.lng ?? 121.4962), plain.subarray(2)]);
}

/** A Windows program renamed to photo.jpg: "MZ", then nothing a decoder wants. */
export const fakeExecutable = (): Buffer => Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(512, 0x41)]);
