/**
 * An in-memory stand-in of wx-server-sdk's cloud storage calls (uploadFile, getTempFileURL,
 * downloadFile, deleteFile), answering in the shapes the SDK's typings (ICloud.*Result) give.
 * It does not model: storage permissions, real URLs (its temporary URLs are not fetchable), the
 * expiry of a temporary URL, upload size limits, or network failures; deleting a missing file
 * answers status 0 here, where CloudBase answers an error status for that entry (the adapter
 * ignores per-file delete statuses either way).
 */
import type { CloudFileApi } from '../../cloudfunctions/core/files/cloudbase';

export interface FakeCloudFiles extends CloudFileApi {
  files: Map<string, Buffer>;
}

export function createFakeCloudFiles(env = 'fake-env'): FakeCloudFiles {
  const files = new Map<string, Buffer>();
  const missing = (fileID: string) => Object.assign(new Error(`downloadFile:fail -503003 storage file not exists. ${fileID}`), { errCode: -503003 });
  return {
    files,
    async uploadFile({ cloudPath, fileContent }) {
      const fileID = `cloud://${env}.7374-${env}-1300000000/${cloudPath}`;
      files.set(fileID, Buffer.from(fileContent));
      return { fileID };
    },
    async getTempFileURL({ fileList }) {
      return {
        fileList: fileList.map(({ fileID, maxAge }) =>
          files.has(fileID)
            ? {
                fileID,
                tempFileURL: `https://7374-${env}-1300000000.tcb.qcloud.la/${encodeURI(fileID.split('/').slice(3).join('/'))}?sign=fake&t=${maxAge}`,
                maxAge,
                status: 0,
                errMsg: 'ok',
              }
            : { fileID, tempFileURL: '', status: -503003, errMsg: 'STORAGE_FILE_NONEXIST' },
        ),
      };
    },
    async downloadFile({ fileID }) {
      const fileContent = files.get(fileID);
      if (!fileContent) throw missing(fileID);
      return { fileContent };
    },
    async deleteFile({ fileList }) {
      for (const id of fileList) files.delete(id);
      return { fileList: fileList.map((fileID) => ({ fileID, status: 0 })) };
    },
  };
}
