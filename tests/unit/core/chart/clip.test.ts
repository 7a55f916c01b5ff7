import { describe, expect, test } from 'vitest';
import { clippedPath, dotsPath, linesSvg, plotBox } from '../../../../src/core/chart';
import { clipSegment } from '../../../../src/core/chart/clip';

const box = { left: 10, top: 10, right: 110, bottom: 60 };

/** Every coordinate pair of an SVG path's M/L commands. */
const points = (d: string) => [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
const within = ([x, y]: number[], b = box) => x >= b.left - 1e-6 && x <= b.right + 1e-6 && y >= b.top - 1e-6 && y <= b.bottom + 1e-6;

describe('clipSegment', () => {
  test.each([
    ['inside stays whole', [20, 20, 100, 50], [20, 20, 100, 50]],
    ['crossing the right edge ends at it', [60, 30, 160, 30], [60, 30, 110, 30]],
    ['a diagonal through the box keeps the part inside', [0, 70, 120, 0], [17.1429, 60, 102.8571, 10]],
  ])('%s', (_, seg, expected) => {
    const out = clipSegment(seg[0], seg[1], seg[2], seg[3], box)!;
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 3));
  });
  test('a segment wholly outside is dropped', () => {
    expect(clipSegment(0, 0, 5, 100, box)).toBeNull();
    expect(clipSegment(120, 20, 200, 30, box)).toBeNull();
  });
});

describe('clippedPath and dotsPath', () => {
  test('a line leaving and re-entering the box is split at its edges', () => {
    const d = clippedPath([20, 60, 100], [30, -40, 30], box);
    expect(points(d).every((p) => within(p))).toBe(true);
    expect(d.match(/M/g)).toHaveLength(2);
  });
  test('NaN breaks the line; points outside the box are not drawn as dots', () => {
    expect(clippedPath([20, NaN, 40, 50], [20, 20, 30, 30], box).match(/M/g)).toHaveLength(1);
    expect(points(dotsPath([20, 500], [20, 20], box))).toEqual([[20, 20]]);
  });
});

describe('linesSvg', () => {
  test('the y = x diagonal of a narrow-range prediction chart stays inside the plot box', () => {
    const svg = linesSvg([{ label: 'rows', x: [10, 12, 30], y: [19.9, 20, 20.1] }], { title: 'Predicted against actual', xLabel: 'actual', yLabel: 'predicted', points: true, diagonal: true, width: 380, height: 280 });
    const b = plotBox(380, 280);
    for (const m of svg.matchAll(/ d="([^"]*)"/g)) expect(points(m[1]).every((p) => within(p, b))).toBe(true);
  });
  test('epoch axes get whole-number ticks, and the labels are escaped', () => {
    const x = Array.from({ length: 45 }, (_, i) => i + 1);
    const svg = linesSvg([{ label: 'loss <train>', x, y: x.map((e) => 1 / e) }], { title: 'Loss & epochs', xLabel: 'epoch', yLabel: 'loss', width: 400, height: 230 });
    const ticks = [...svg.matchAll(/text-anchor="(?:start|middle|end)">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(ticks.filter((t) => /\./.test(t) && Number(t) > 1)).toEqual([]);
    expect(svg).toContain('Loss &amp; epochs: loss &lt;train&gt;');
  });
  test('names every series in its text alternative, escaped, and dashes dashed series', () => {
    const svg = linesSvg([{ label: '<run a>', x: [1, 2, 3], y: [1, NaN, 3] }, { label: 'b', x: [1, 2], y: [2, 2], dashed: true }], { title: 'Loss', xLabel: 'epoch', yLabel: 'loss' });
    expect(svg).not.toContain('<run a>');
    expect(svg).toContain('aria-label="Loss: &lt;run a&gt;, b"');
    expect(svg).toContain('stroke-dasharray="6 4"');
  });
});
