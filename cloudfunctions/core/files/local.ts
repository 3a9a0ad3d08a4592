/**
 * Local adapter of the Files port: files under `DATA_DIR/files/<folder>/<id>.<ext>` with a small JSON
 * sidecar (name, content type), served by the local HTTP host at `GET /files/<folder>/<file>?exp=&sig=`,
 * where `sig` signs the file id and the expiry with the runtime's secrets (HMAC, keyed from DATA_KEY),
 * so only a link the functions made opens a file, and only until it expires.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { Secrets } from '../crypto';
import { checkPut, checkTtl, type FileLink, type Files, type StoredFile } from './port';

/** Ids are `local:<folder>/<uuid>.<ext>`: nothing a caller can point outside the folder with. */
const LOCAL_ID = /^local:([a-z][a-z0-9-]{0,31})\/([0-9a-f-]{36}\.[a-z0-9]{1,8})$/;

interface Sidecar {
  name: string;
  contentType: string;
  bytes: number;
  createdAt: string;
}

export interface LocalFiles extends Files {
  /** The file behind a link (`folder/file`, exp, sig), or null when it is forged, malformed or expired. */
  open(link: { file: string; exp: string; sig: string }, nowMs: number): { path: string; name: string; contentType: string; bytes: number } | null;
}

export function createLocalFiles(root: string, secrets: Secrets, options: { now?: () => Date; urlPrefix?: string } = {}): LocalFiles {
  const now = options.now ?? (() => new Date());
  const prefix = options.urlPrefix ?? '/files/';
  const locate = (fileId: string) => {
    const m = LOCAL_ID.exec(fileId);
    if (!m) throw new AppError('NOT_FOUND', '文件编号不正确');
    const file = path.join(root, m[1]!, m[2]!);
    return { file, sidecar: `${file}.json` };
  };
  const meta = (fileId: string): Sidecar => {
    const { sidecar } = locate(fileId);
    if (!fs.existsSync(sidecar)) throw new AppError('NOT_FOUND', '文件已不存在，请重新导出');
    return JSON.parse(fs.readFileSync(sidecar, 'utf8')) as Sidecar;
  };
  const payload = (fileId: string, exp: number) => `file|${fileId}|${exp}`;

  return {
    kind: 'local',
    async put(input): Promise<StoredFile> {
      const { name, contentType, extension } = checkPut(input);
      const { body } = input;
      const fileId = `local:${input.folder}/${randomUUID()}.${extension}`;
      const { file, sidecar } = locate(fileId);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // The body first, the sidecar last: a file without its sidecar is never served.
      fs.writeFileSync(file, body);
      const info: Sidecar = { name, contentType, bytes: body.length, createdAt: now().toISOString() };
      fs.writeFileSync(sidecar, JSON.stringify(info));
      return { fileId, name: info.name, contentType: info.contentType, bytes: info.bytes };
    },
    async link(fileId, ttlSeconds): Promise<FileLink> {
      checkTtl(ttlSeconds);
      meta(fileId);
      const exp = now().getTime() + ttlSeconds * 1000;
      const query = `exp=${exp}&sig=${encodeURIComponent(secrets.sign(payload(fileId, exp)))}`;
      return { url: `${prefix}${fileId.slice('local:'.length)}?${query}`, expiresAt: new Date(exp).toISOString() };
    },
    async read(fileId) {
      meta(fileId);
      return fs.readFileSync(locate(fileId).file);
    },
    async remove(fileId) {
      const { file, sidecar } = locate(fileId);
      fs.rmSync(sidecar, { force: true });
      fs.rmSync(file, { force: true });
    },
    open(link, nowMs) {
      const fileId = `local:${link.file}`;
      const exp = /^\d{1,15}$/.test(link.exp) ? Number(link.exp) : NaN;
      if (!LOCAL_ID.test(fileId) || !Number.isFinite(exp) || typeof link.sig !== 'string') return null;
      if (!secrets.verify(payload(fileId, exp), link.sig) || exp < nowMs) return null;
      try {
        const info = meta(fileId);
        return { path: locate(fileId).file, name: info.name, contentType: info.contentType, bytes: info.bytes };
      } catch {
        return null;
      }
    },
  };
}
