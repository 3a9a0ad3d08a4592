/**
 * The Files port: documents the product makes or keeps (the xlsx export today; certificates and
 * photos later), beside the Store. Shaped by CloudBase cloud storage:
 *
 * - A file is written once and addressed by its `fileId` (a `cloud://…` id on CloudBase); documents
 *   keep the id, never a URL, because URLs expire.
 * - Reading from a client goes through a short-lived URL made on request (`url`), so a link that
 *   leaks stops working; the local runtime signs its links, CloudBase's temporary URLs are signed by
 *   the platform.
 * - What may be stored is checked by content, not by the name the caller gives it, and is size-limited.
 */
import { AppError } from '../errors';

/** The kinds of file the product writes, each with its content type and how to recognise its bytes. */
const FILE_KINDS = {
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    // An OOXML workbook is a zip archive: local file header "PK\x03\x04".
    magic: Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  },
  pdf: { contentType: 'application/pdf', extension: 'pdf', magic: Buffer.from('%PDF-') },
  // The eight-byte PNG signature: an issuer's electronic seal (a transparent image), photos.
  png: { contentType: 'image/png', extension: 'png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  // JPEG's start-of-image marker and the first marker's prefix: photos after re-encoding.
  jpeg: { contentType: 'image/jpeg', extension: 'jpg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
  // A client's upload before the functions have looked at it (the local stand-in for a direct
  // upload to cloud storage): any bytes, size-limited; services/photos.ts checks it and deletes it.
  upload: { contentType: 'application/octet-stream', extension: 'bin', magic: Buffer.alloc(0) },
} as const;
export type FileKind = keyof typeof FILE_KINDS;

/** Largest file accepted, in bytes (a 5,000-row export is about 400 KB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Longest a link may live, in seconds; links are made for one download, right away. */
const MAX_LINK_SECONDS = 3600;

export interface StoredFile {
  fileId: string;
  /** The name a person sees when saving it (may be Chinese). */
  name: string;
  contentType: string;
  bytes: number;
}

export interface FileLink {
  url: string;
  expiresAt: string;
}

interface PutInput {
  folder: string;
  name: string;
  kind: FileKind;
  body: Buffer;
}

export interface Files {
  readonly kind: 'local' | 'cloudbase';
  /** Stores `body` under `folder` (e.g. `exports`) after checking it is a `kind` file. */
  put(input: PutInput): Promise<StoredFile>;
  /** A link that downloads the file for `ttlSeconds` (1..MAX_LINK_SECONDS). NOT_FOUND when it is gone. */
  link(fileId: string, ttlSeconds: number): Promise<FileLink>;
  /** The bytes, for the functions themselves (tests, later a certificate check). NOT_FOUND when gone. */
  read(fileId: string): Promise<Buffer>;
  remove(fileId: string): Promise<void>;
}

/**
 * What every adapter checks before it stores anything: a plain folder name and a body that is what
 * it claims to be. Answers the name to save under and the content type.
 */
export function checkPut({ folder, name, kind, body }: PutInput): { name: string; contentType: string; extension: string } {
  if (!FOLDER.test(folder)) throw new AppError('INTERNAL', `bad folder ${folder}`);
  checkFile(kind, body);
  const spec = FILE_KINDS[kind];
  return { name: safeFileName(name, spec.extension), contentType: spec.contentType, extension: spec.extension };
}

/** Refuses a body that is not what it claims to be, or too large. */
function checkFile(kind: FileKind, body: Buffer): void {
  const spec = FILE_KINDS[kind];
  if (body.length === 0) throw new AppError('VALIDATION', '文件是空的');
  if (body.length > MAX_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `文件太大（上限 ${MAX_FILE_BYTES / 1024 / 1024} MB）`);
  if (!body.subarray(0, spec.magic.length).equals(spec.magic)) throw new AppError('VALIDATION', `文件内容不是 ${spec.extension} 格式`);
}

export function checkTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_LINK_SECONDS) {
    throw new AppError('INTERNAL', `link lifetime must be 1..${MAX_LINK_SECONDS} s`);
  }
}

/** A folder name: plain lower-case words, so it is safe in a path and a cloud path. */
const FOLDER = /^[a-z][a-z0-9-]{0,31}$/;

/** Characters that break file systems or headers; control characters (U+0000–U+001F) on purpose. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_FILE_NAME = /[\\/:*?"<>|\s\u0000-\u001f]+/g;

/** The name without characters that break file systems or headers; keeps Chinese. */
function safeFileName(name: string, extension: string): string {
  const base =
    name
      .replace(/\.[A-Za-z0-9]+$/, '')
      .replace(UNSAFE_IN_FILE_NAME, '')
      .slice(0, 80) || 'file';
  return `${base}.${extension}`;
}
