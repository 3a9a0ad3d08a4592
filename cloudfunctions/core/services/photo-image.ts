/**
 * What the functions do to an uploaded photo before anyone else can see it: recognise it by its
 * bytes (JPEG or PNG; a renamed program is refused whatever its name), decode it, turn it upright
 * by its EXIF orientation, shrink it to at most MAX_SIDE, and encode it again, which drops every
 * piece of metadata (EXIF with GPS position, camera serial, XMP, text chunks); and make a thumbnail.
 *
 * Pure JavaScript on purpose (jpeg-js, pngjs, exifr): they install wherever the functions run,
 * where sharp's native install script would not on every CloudBase runtime. They are loaded when a
 * photo arrives (kept out of the bundles, installed by CloudBase). WebP is refused with its own
 * message: its only pure-JS decoders are ESM/wasm packages the CommonJS function bundles cannot
 * load without a dynamic-import path that behaves differently under jest (docs/photos.md); WeChat's
 * compressImage and every phone camera give JPEG.
 */
import { AppError } from '../errors';
import { MAX_PHOTO_BYTES } from '../domain/photos';

const MAX_SIDE = 1600;
const THUMB_SIDE = 360;
const JPEG_QUALITY = 85;
/** A decoded photo larger than this many megapixels is refused (a decompression bomb). */
const MAX_MEGAPIXELS = 40;

export type ImageKind = 'jpeg' | 'png' | 'webp';

/** The image format by its first bytes, or null. */
export function sniffImage(body: Buffer): ImageKind | null {
  if (body.length >= 3 && body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff) return 'jpeg';
  if (body.length >= 8 && body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (body.length >= 12 && body.subarray(0, 4).toString('latin1') === 'RIFF' && body.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return null;
}

interface Raster {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  data: Buffer;
}

export interface CleanImage {
  kind: 'jpeg' | 'png';
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/**
 * Turns a raster upright by EXIF orientation 1–8 (mirrored and rotated variants), so the photo
 * still stands the right way once the EXIF that said how is gone.
 */
export function orient(src: Raster, orientation: number): Raster {
  if (!orientation || orientation === 1 || orientation > 8) return src;
  const { width: w, height: h } = src;
  const swap = orientation >= 5;
  const out: Raster = { width: swap ? h : w, height: swap ? w : h, data: Buffer.alloc(src.data.length) };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let nx: number;
      let ny: number;
      switch (orientation) {
        case 2:
          [nx, ny] = [w - 1 - x, y];
          break;
        case 3:
          [nx, ny] = [w - 1 - x, h - 1 - y];
          break;
        case 4:
          [nx, ny] = [x, h - 1 - y];
          break;
        case 5:
          [nx, ny] = [y, x];
          break;
        case 6:
          [nx, ny] = [h - 1 - y, x];
          break;
        case 7:
          [nx, ny] = [h - 1 - y, w - 1 - x];
          break;
        default:
          [nx, ny] = [y, w - 1 - x]; // 8
      }
      src.data.copy(out.data, (ny * out.width + nx) * 4, (y * w + x) * 4, (y * w + x) * 4 + 4);
    }
  }
  return out;
}

/** Area-average downscale so the longer side is at most `side` (never enlarges). */
export function fit(src: Raster, side: number): Raster {
  const scale = Math.min(1, side / Math.max(src.width, src.height));
  if (scale === 1) return src;
  const width = Math.max(1, Math.round(src.width * scale));
  const height = Math.max(1, Math.round(src.height * scale));
  const data = Buffer.alloc(width * height * 4);
  const sum = new Float64Array(4);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y / scale);
    const y1 = Math.min(src.height, Math.max(y0 + 1, Math.floor((y + 1) / scale)));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x / scale);
      const x1 = Math.min(src.width, Math.max(x0 + 1, Math.floor((x + 1) / scale)));
      sum.fill(0);
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * src.width + sx) * 4;
          for (let c = 0; c < 4; c++) sum[c] = sum[c]! + src.data[i + c]!;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) data[o + c] = Math.round(sum[c]! / n);
    }
  }
  return { width, height, data };
}

/** Transparent pixels over white, for JPEG (which has no alpha). */
function onWhite(src: Raster): Raster {
  const data = Buffer.from(src.data);
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]! / 255;
    for (let c = 0; c < 3; c++) data[i + c] = Math.round(data[i + c]! * a + 255 * (1 - a));
    data[i + 3] = 255;
  }
  return { ...src, data };
}

/** CommonJS packages through import(): their exports may arrive as `default` (bundle) or as the module. */
const unwrap = <T>(mod: T): T => ((mod as { default?: T }).default ?? mod) as T;

async function libraries() {
  const [jpeg, png, exifr] = await Promise.all([import('jpeg-js'), import('pngjs'), import('exifr')]);
  return { jpeg: unwrap(jpeg as unknown as typeof import('jpeg-js')), PNG: unwrap(png).PNG, exifr: unwrap(exifr as unknown as typeof import('exifr')) };
}

/** The checked, upright, metadata-free photo and its thumbnail; a clear AppError for anything else. */
export async function cleanImage(body: Buffer): Promise<CleanImage> {
  if (body.length === 0) throw new AppError('VALIDATION', '照片是空的');
  if (body.length > MAX_PHOTO_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `照片太大（上限 ${MAX_PHOTO_BYTES / 1024 / 1024} MB），请压缩后再上传`);
  const kind = sniffImage(body);
  if (kind === 'webp') throw new AppError('VALIDATION', '暂不支持 WebP 格式的照片，请用 JPG 或 PNG');
  if (!kind) throw new AppError('VALIDATION', '这不是照片：只能上传 JPG 或 PNG 图片');
  const { jpeg, PNG, exifr } = await libraries();
  let raster: Raster;
  try {
    if (kind === 'jpeg') {
      const decoded = jpeg.decode(body, { useTArray: false, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS, maxMemoryUsageInMB: 600 });
      raster = { width: decoded.width, height: decoded.height, data: Buffer.from(decoded.data) };
      const orientation = await exifr.orientation(body).catch(() => undefined);
      raster = orient(raster, orientation ?? 1);
    } else {
      const decoded = PNG.sync.read(body);
      if (decoded.width * decoded.height > MAX_MEGAPIXELS * 1e6) throw new Error('too many pixels');
      raster = { width: decoded.width, height: decoded.height, data: decoded.data };
    }
  } catch {
    throw new AppError('VALIDATION', '照片损坏或太大，打不开；请换一张');
  }
  const full = fit(raster, MAX_SIDE);
  const thumb = onWhite(fit(full, THUMB_SIDE));
  const encodeJpeg = (r: Raster) => Buffer.from(jpeg.encode({ width: r.width, height: r.height, data: r.data }, JPEG_QUALITY).data);
  const encodePng = (r: Raster) => {
    const out = new PNG({ width: r.width, height: r.height });
    r.data.copy(out.data);
    return PNG.sync.write(out);
  };
  return {
    kind,
    full: kind === 'png' ? encodePng(full) : encodeJpeg(full),
    thumb: encodeJpeg(thumb),
    width: full.width,
    height: full.height,
  };
}
