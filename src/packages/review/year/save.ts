/**
 * Saving the drawn year image. weapp: the canvas node to a temporary PNG, then into the photo album
 * (the first time WeChat asks the person; a refusal is told apart from other failures). H5: the
 * canvas as a PNG data URL behind a download link. Resolves only when the image was really saved;
 * throws with a message a person can act on otherwise.
 */
import Taro from '@tarojs/taro';
import { messages as m } from '../messages';

export class SaveRefused extends Error {}

const errMsg = (e: unknown): string => (e && typeof e === 'object' && 'errMsg' in e ? String((e as { errMsg: unknown }).errMsg) : String(e));

/** WeChat answers a refused (or earlier refused) album permission with "auth deny" / "auth denied" / "authorize:fail". */
const isRefusal = (text: string): boolean => /auth (deny|denied)|authorize:fail|permission/i.test(text);

export async function saveWeapp(canvas: Taro.Canvas): Promise<void> {
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas, fileType: 'png' } as Taro.canvasToTempFilePath.Option);
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath });
  } catch (e) {
    const text = errMsg(e);
    if (isRefusal(text)) throw new SaveRefused(m.denied);
    throw new Error(m.saveFailed + text);
  }
}

export function saveH5(canvas: HTMLCanvasElement, year: number): void {
  const link = document.createElement('a');
  link.href = canvas.toDataURL('image/png');
  link.download = m.fileName(year);
  document.body.appendChild(link);
  link.click();
  link.remove();
}
