import { escapeXml } from '../format';
import { axesSvg, axisTicks, fitAxisX, placeY } from './axis';
import { extentOf } from './extent';
import { MARGIN, plotBox, svgFrame } from './frame';
import { paletteColor } from './palette';
import { clippedPath, dotsPath } from './path';
import { linearScale } from './scale';
import { isIntegerValued } from './ticks';

/** One line (or point cloud) of a line chart. */
export interface LineSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Index into the palette (default the series' position), or a CSS colour for a reference line. */
  color?: number | string;
  /** Dashed stroke, e.g. for validation curves. */
  dashed?: boolean;
}

/** Options of `linesSvg`. Sizes are SVG user units; the chart scales down to its container. */
export interface LinesOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Dots instead of lines. Default false. */
  points?: boolean;
  /** A dashed y = x reference line (the ROC diagonal, perfect calibration or prediction), clipped to the plot. */
  diagonal?: boolean;
  /** Fixed domains, e.g. [0, 1] for rates; by default the data's extent, rounded out to nice ticks. */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Default 520 × 300. */
  width?: number;
  height?: number;
}

/**
 * Overlaid series as an SVG string whose `<title>`/`aria-label` names every series, so the chart has
 * a text alternative; the legend is HTML beside it. Whole-number x values (epochs, rounds, tree
 * counts) get whole-number ticks; every line is clipped to the plot box.
 */
export function linesSvg(series: readonly LineSeries[], o: LinesOptions): string {
  const w = o.width ?? 520;
  const h = o.height ?? 300;
  const plain = plotBox(w, h);
  const xs = series.map((s) => s.x);
  const ys = series.map((s) => s.y);
  let [x0, x1] = o.xDomain ?? extentOf(xs);
  let [y0, y1] = o.yDomain ?? extentOf(ys);
  if (o.diagonal && !o.xDomain && !o.yDomain) {
    // A diagonal needs both axes on one range, so y = x runs corner to corner.
    [x0, x1] = [Math.min(x0, y0), Math.max(x1, y1)];
    [y0, y1] = [x0, x1];
  }
  const yt = axisTicks(y0, y1, Math.max(2, Math.round((plain.bottom - plain.top) / 45)));
  // The left margin grows to the longest tick label (about 6 px a character, past the axis title), so none is cut off.
  const box = plotBox(w, h, { ...MARGIN, left: Math.max(MARGIN.left, 28 + 6 * Math.max(0, ...yt.labels.map((l) => l.length))) });
  const x = fitAxisX(x0, x1, [box.left, box.right], w, { integer: xs.every(isIntegerValued), ...(o.xDomain ? { domain: o.xDomain } : {}) });
  const sx = x.scale;
  const sy = linearScale(o.yDomain ?? yt.domain, [box.bottom, box.top]);
  const [d0, d1] = sy.domain();
  const yv = yt.ticks.map((v, i) => [v, yt.labels[i]] as const).filter(([v]) => v >= d0 - 1e-9 && v <= d1 + 1e-9);
  const parts = [axesSvg(box, x.ticks, placeY(yv.map(([v]) => v), yv.map(([, l]) => l), sy), escapeXml)];
  if (o.diagonal) {
    const [d0, d1] = sx.domain();
    parts.push(`<path class="reference" d="${clippedPath([sx(d0), sx(d1)], [sy(d0), sy(d1)], box)}" stroke="#8c959f" stroke-dasharray="4 4" fill="none"/>`);
  }
  series.forEach((s, i) => {
    const color = typeof s.color === 'string' ? s.color : paletteColor(s.color ?? i);
    const px = Array.from(s.x, (v) => sx(v));
    const py = Array.from(s.y, (v) => sy(v));
    if (o.points) parts.push(`<path d="${dotsPath(px, py, box)}" stroke="${color}" stroke-width="4" stroke-linecap="round" opacity="0.6"/>`);
    else parts.push(`<path d="${clippedPath(px, py, box)}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
  });
  const title = `${o.title}: ${series.map((s) => s.label).join(', ')}`;
  return svgFrame({ title, width: w, height: h, box, xLabel: o.xLabel, yLabel: o.yLabel, className: 'lines' }, parts.join(''));
}
