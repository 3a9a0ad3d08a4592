/**
 * Delivering a file a function made: on weapp downloaded (by cloud file id when it has one, so no
 * download domain needs whitelisting) and opened with openDocument, from where it can be forwarded;
 * on H5 fetched first and saved, so a failed download is an error here, not a silent nothing.
 * Throws when the platform refuses.
 */
import Taro from '@tarojs/taro';

export interface MadeFile {
  fileId: string;
  url: string;
  filename: string;
  mimeType: string;
  fileType: 'pdf' | 'xlsx';
}

/** The local server's links are paths on the host that serves the API. */
export function absoluteUrl(url: string): string {
  return url.startsWith('/') ? `${API_BASE.replace(/\/api\/?$/, '')}${url}` : url;
}

export async function deliverFile(file: MadeFile, statusError: (status: number) => string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const response = await fetch(absoluteUrl(file.url));
    if (!response.ok) throw new Error(statusError(response.status));
    const blob = new Blob([await response.arrayBuffer()], { type: file.mimeType });
    const href = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = href;
    link.download = file.filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
    return;
  }
  let filePath: string;
  if (file.fileId.startsWith('cloud://')) {
    filePath = (await Taro.cloud.downloadFile({ fileID: file.fileId })).tempFilePath;
  } else {
    const res = await Taro.downloadFile({ url: absoluteUrl(file.url) });
    if (res.statusCode !== 200) throw new Error(statusError(res.statusCode));
    filePath = res.tempFilePath;
  }
  await Taro.openDocument({ filePath, fileType: file.fileType, showMenu: true });
}
