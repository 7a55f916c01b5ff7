import { describe, expect, test } from 'vitest';
import { unzlibSync } from 'fflate';
import { encode as encodeJpeg } from 'jpeg-js';
import { decodeImageBytes, decodePng } from '../../../../src/core/image';
import { encodePng } from './pngFixture';

const decode = (bytes: Uint8Array) => decodePng(bytes, (data) => unzlibSync(data));
const pixels = (bytes: Uint8Array) => [...decode(bytes).data];

// A 3 × 2 RGB picture whose rows differ, so every filter has something to predict.
const RGB = [
  [255, 0, 0, 0, 255, 0, 0, 0, 255],
  [10, 20, 30, 200, 100, 50, 7, 7, 7],
];
const RGBA_OF_RGB = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255, 200, 100, 50, 255, 7, 7, 7, 255];

describe('decodePng', () => {
  test.each([0, 1, 2, 3, 4] as const)('undoes filter %i on 8-bit RGB', (filter) => {
    const png = encodePng({ width: 3, height: 2, colour: 2, depth: 8, rows: RGB, filter });
    expect(decode(png)).toMatchObject({ width: 3, height: 2 });
    expect(pixels(png)).toEqual(RGBA_OF_RGB);
  });

  test('reads a palette with transparency', () => {
    const png = encodePng({ width: 2, height: 1, colour: 3, depth: 8, rows: [[1, 0]], palette: [0, 0, 0, 255, 128, 0], alpha: [0] });
    expect(pixels(png)).toEqual([255, 128, 0, 255, 0, 0, 0, 0]);
  });

  test('scales 1-bit grey to 0 and 255', () => {
    const png = encodePng({ width: 9, height: 1, colour: 0, depth: 1, rows: [[1, 0, 1, 1, 0, 0, 0, 0, 1]] });
    expect(pixels(png).filter((_, i) => i % 4 === 0)).toEqual([255, 0, 255, 255, 0, 0, 0, 0, 255]);
  });

  test('keeps the high byte of 16-bit grey with alpha', () => {
    const png = encodePng({ width: 1, height: 1, colour: 4, depth: 16, rows: [[0x1234, 0xff00]] });
    expect(pixels(png)).toEqual([0x12, 0x12, 0x12, 0xff]);
  });

  test('says a truncated file is cut short', () => {
    const png = encodePng({ width: 3, height: 2, colour: 2, depth: 8, rows: RGB });
    expect(() => decode(png.subarray(0, png.length - 20))).toThrow(/cut short/);
  });

  test('refuses a header promising more pixels than its data can hold, before allocating them', () => {
    const png = encodePng({ width: 3, height: 2, colour: 2, depth: 8, rows: RGB });
    // IHDR's width and height (the decoder does not check chunk CRCs), made 40,000 × 40,000: 4.8 GB of pixels.
    new DataView(png.buffer, png.byteOffset).setUint32(16, 40_000);
    new DataView(png.buffer, png.byteOffset).setUint32(20, 40_000);
    expect(() => decode(png)).toThrow('its pixel data is far shorter than its size (40,000 × 40,000) says');
  });

  test('refuses bytes that are not a PNG', () => {
    expect(() => decode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow(/not a PNG/);
  });
});

describe('decodeImageBytes', () => {
  test('decodes a JPEG to its pixels within compression error', async () => {
    const width = 16, height = 16;
    const data = new Uint8Array(width * height * 4);
    for (let p = 0; p < width * height; p++) data.set(p % width < 8 ? [200, 40, 40, 255] : [30, 30, 220, 255], p * 4);
    const jpeg = new Uint8Array(encodeJpeg({ width, height, data }, 100).data);
    const image = await decodeImageBytes(jpeg, 'a.jpg');
    expect(image).toMatchObject({ width, height });
    // Away from the edge between the halves, colours come back within a few levels.
    for (const [x, rgb] of [[1, [200, 40, 40]], [14, [30, 30, 220]]] as const) {
      const at = (8 * width + x) * 4;
      rgb.forEach((v, c) => expect(Math.abs(image.data[at + c] - v)).toBeLessThanOrEqual(6));
    }
  });

  test('names GIF and WebP as studio-only, anything else as not an image', async () => {
    await expect(decodeImageBytes(new TextEncoder().encode('GIF89a......'), 'a.gif')).rejects.toThrow(/GIF is read in the studio only/);
    await expect(decodeImageBytes(new TextEncoder().encode('hello world, not an image'), 'a.png')).rejects.toThrow(/not a PNG or JPEG/);
  });
});
