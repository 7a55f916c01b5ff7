import type { RgbaImage } from './decodePng';

/**
 * Resizes RGBA pixels to width × height × channels bytes by averaging the source area under each
 * target pixel, partly covered pixels in proportion (no aliasing when shrinking, whatever the
 * ratio; blocks when enlarging). Grey is the luma (Rec. 601). Transparent pixels are composited
 * over white, as a viewer shows them. Reads nothing outside its own body: scorer.mjs and the demo
 * page ship it as text, so they resize as training did.
 */
export function resizeImage(image: RgbaImage, width: number, height: number, channels: 1 | 3, out = new Uint8Array(width * height * channels)): Uint8Array {
  const { data } = image;
  const xs = axisWeights(image.width, width);
  const ys = axisWeights(image.height, height);
  for (let y = 0; y < height; y++) {
    const row = ys[y];
    for (let x = 0; x < width; x++) {
      const col = xs[x];
      let r = 0, g = 0, b = 0;
      for (let j = 0; j < row.index.length; j++) {
        const base = row.index[j] * image.width;
        for (let i = 0; i < col.index.length; i++) {
          const w = row.weight[j] * col.weight[i];
          const p = (base + col.index[i]) * 4;
          const a = data[p + 3] / 255;
          const white = 255 * (1 - a);
          r += (data[p] * a + white) * w;
          g += (data[p + 1] * a + white) * w;
          b += (data[p + 2] * a + white) * w;
        }
      }
      const o = (y * width + x) * channels;
      if (channels === 1) out[o] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      else {
        out[o] = Math.round(r);
        out[o + 1] = Math.round(g);
        out[o + 2] = Math.round(b);
      }
    }
  }
  return out;

  /** For each target position along one axis: the source indices it covers and how much of each (summing to 1). */
  function axisWeights(source: number, target: number): { index: number[]; weight: number[] }[] {
    const scale = source / target;
    return Array.from({ length: target }, (_, t) => {
      const start = t * scale;
      const end = Math.min(source, (t + 1) * scale);
      const index: number[] = [];
      const weight: number[] = [];
      for (let s = Math.floor(start); s < end; s++) {
        const covered = Math.min(end, s + 1) - Math.max(start, s);
        if (covered > 1e-9) {
          index.push(s);
          weight.push(covered / (end - start));
        }
      }
      return { index, weight };
    });
  }
}
