import { unzlibSync } from 'fflate';
import { decodePng, isPng, type RgbaImage } from './decodePng';

/** Turns one file's bytes into RGBA pixels, or throws an Error whose message is the reason it cannot. */
export type ImageDecoder = (bytes: Uint8Array, path: string) => Promise<RgbaImage>;

export const isJpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
const isGif = (b: Uint8Array) => b.length > 6 && String.fromCharCode(...b.subarray(0, 4)) === 'GIF8';
const isWebp = (b: Uint8Array) => b.length > 12 && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP';

/**
 * The decoder that needs no browser (Node, tests): PNG and JPEG. WebP and GIF are decoded by the
 * studio's worker (`bitmapDecoder`); here they are reported as unreadable with that remedy. The JPEG
 * decoder loads on the first JPEG, so pages that never need it never download it.
 */
export const decodeImageBytes: ImageDecoder = async (bytes) => {
  if (isPng(bytes)) return decodePng(bytes, (data, size) => unzlibSync(data, { out: new Uint8Array(size) }));
  if (isJpeg(bytes)) {
    const { decode: decodeJpeg } = await import('jpeg-js');
    try {
      const { width, height, data } = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
      return { width, height, data };
    } catch (e) {
      throw new Error(`the JPEG data is damaged (${(e as Error).message})`);
    }
  }
  if (isGif(bytes) || isWebp(bytes)) throw new Error(`${isGif(bytes) ? 'GIF' : 'WebP'} is read in the studio only; convert it to PNG or JPEG for the command line`);
  throw new Error('it is not a PNG or JPEG image');
};
