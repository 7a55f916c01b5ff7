import { describe, expect, test } from 'vitest';
import { inputLayout, poolOutput, prepareBatch } from '../../../../../src/core/image/extractor';

describe('inputLayout', () => {
  test('reads channels last and first, and gives open sizes 224', () => {
    expect(inputLayout([null, 32, 48, 3], 1, 'm', 'm.json')).toEqual({ width: 48, height: 32, channels: 3, channelsFirst: false });
    expect(inputLayout([-1, 1, 28, 28], 1, 'm', 'm.onnx')).toEqual({ width: 28, height: 28, channels: 1, channelsFirst: true });
    expect(inputLayout(['batch', 3, 'h', 'w'], 1, 'm', 'm.onnx')).toEqual({ width: 224, height: 224, channels: 3, channelsFirst: true });
    expect(() => inputLayout([null, 8, 8, 4], 1, 'm', 'm.json')).toThrow(/m takes images with 4 channels; the studio gives 1 \(grey\) or 3 \(colour\)/);
    expect(() => inputLayout([null, 8, 8, 3], 2, 'm', 'm.json')).toThrow(/m takes 2 inputs, not a batch of images/);
  });
});

describe('prepareBatch', () => {
  test('scales pixels and moves channels first when the model wants them so', () => {
    const pixels = Uint8Array.of(0, 255, 51, 102, 204, 153); // one 2 × 1 colour image: (0,255,51), (102,204,153)
    const layout = { width: 2, height: 1, channels: 3 as const, channelsFirst: false };
    expect(Array.from(prepareBatch(pixels, 1, layout, 'unit'))).toEqual(Array.from(pixels, (v) => Math.fround(v / 255)));
    expect(Array.from(prepareBatch(pixels, 1, layout, 'bytes'))).toEqual(Array.from(pixels));
    const signed = prepareBatch(pixels, 1, layout, 'signed');
    expect(signed[0]).toBe(-1);
    expect(signed[1]).toBe(1);
    expect(Array.from(prepareBatch(pixels, 1, { ...layout, channelsFirst: true }, 'bytes'))).toEqual([0, 102, 255, 204, 51, 153]);
  });
});

describe('poolOutput', () => {
  test('averages a feature map over its positions, channels last or first; keeps a matrix; flattens the rest', () => {
    // Two images, a 1 × 2 map of 2 channels, channels last: image 0 positions (1,10), (3,30); image 1 (5,50), (7,70).
    expect(poolOutput([1, 10, 3, 30, 5, 50, 7, 70], [2, 1, 2, 2], false)).toEqual({ values: Float32Array.of(2, 20, 6, 60), pooled: true });
    // The same maps, channels first.
    expect(poolOutput([1, 3, 10, 30, 5, 7, 50, 70], [2, 2, 1, 2], true)).toEqual({ values: Float32Array.of(2, 20, 6, 60), pooled: true });
    expect(poolOutput([1, 2, 3, 4], [2, 2], false)).toEqual({ values: Float32Array.of(1, 2, 3, 4), pooled: false });
    expect(poolOutput([1, 2, 3, 4], [2, 2, 1], false)).toEqual({ values: Float32Array.of(1.5, 3.5), pooled: true });
  });
});
