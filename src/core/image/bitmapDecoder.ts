import { decodeImageBytes, isJpeg, type ImageDecoder } from './decodeBytes';
import { isPng } from './decodePng';

/**
 * The studio's decoder, for a worker: the browser's own codecs (PNG, JPEG, WebP, the first frame of
 * a GIF) through `createImageBitmap`, read back from an `OffscreenCanvas`. A PNG or JPEG the browser
 * refuses goes through the plain decoder, whose error says what is wrong with it.
 */
export const bitmapDecoder: ImageDecoder = async (bytes, path) => {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  } catch {
    if (isPng(bytes) || isJpeg(bytes)) return decodeImageBytes(bytes, path);
    throw new Error('the browser cannot decode it (it is damaged or not an image format it reads: PNG, JPEG, WebP or GIF)');
  }
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('the browser gave no canvas to read its pixels');
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: bitmap.width, height: bitmap.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } finally {
    bitmap.close();
  }
};
