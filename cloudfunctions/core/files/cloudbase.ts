/**
 * CloudBase adapter of the Files port: cloud storage through wx-server-sdk (`cloud.uploadFile`,
 * `getTempFileURL`, `downloadFile`, `deleteFile`), typed structurally so core never imports the SDK.
 * File ids are CloudBase's `cloud://<env>.<bucket>/<path>`; links are its temporary URLs (signed by the
 * platform, `maxAge` seconds). Files live under `<folder>/<date>/<uuid>/<name>`; with the storage
 * permission "仅创建者及管理员可读写" (docs/deploy.md) a client cannot list or read them except
 * through the link a function made for it.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import { checkPut, checkTtl, type FileLink, type Files, type StoredFile } from './port';

export interface CloudFileApi {
  uploadFile(param: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  getTempFileURL(param: {
    fileList: Array<{ fileID: string; maxAge: number }>;
  }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg?: string }> }> | void;
  downloadFile(param: { fileID: string }): Promise<{ fileContent: Buffer }>;
  deleteFile(param: { fileList: string[] }): Promise<unknown> | void;
}

/** STORAGE_FILE_NONEXIST (-503003), however the SDK words it. */
function isMissingFile(e: unknown): boolean {
  const text =
    e && typeof e === 'object'
      ? `${String((e as { errCode?: unknown }).errCode)} ${String((e as { message?: unknown }).message)} ${String((e as { errMsg?: unknown }).errMsg)}`
      : String(e);
  return /-503003|STORAGE_FILE_NONEXIST|does not exist|not exist/i.test(text);
}

export function createCloudbaseFiles(cloud: CloudFileApi, now: () => Date = () => new Date()): Files {
  return {
    kind: 'cloudbase',
    async put(input): Promise<StoredFile> {
      const { name, contentType } = checkPut(input);
      // The uuid keeps paths unguessable and unique; the name stays readable in the console.
      const cloudPath = `${input.folder}/${now().toISOString().slice(0, 10)}/${randomUUID()}/${name}`;
      const res = await cloud.uploadFile({ cloudPath, fileContent: input.body });
      if (!res?.fileID) throw new Error('uploadFile returned no fileID');
      return { fileId: res.fileID, name, contentType, bytes: input.body.length };
    },
    async link(fileId, ttlSeconds): Promise<FileLink> {
      checkTtl(ttlSeconds);
      const res = await cloud.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: ttlSeconds }] });
      const entry = res?.fileList?.[0];
      if (!entry || entry.status !== 0 || !entry.tempFileURL) {
        if (entry && isMissingFile(`${entry.status} ${entry.errMsg ?? ''}`)) throw new AppError('NOT_FOUND', '文件已不存在，请重新导出');
        throw new Error(`getTempFileURL failed: ${entry ? `${entry.status} ${entry.errMsg ?? ''}` : 'no answer'}`);
      }
      return { url: entry.tempFileURL, expiresAt: new Date(now().getTime() + ttlSeconds * 1000).toISOString() };
    },
    async read(fileId) {
      try {
        return Buffer.from((await cloud.downloadFile({ fileID: fileId })).fileContent);
      } catch (e) {
        if (isMissingFile(e)) throw new AppError('NOT_FOUND', '文件已不存在，请重新导出');
        throw e;
      }
    },
    async remove(fileId) {
      await cloud.deleteFile({ fileList: [fileId] });
    },
  };
}
