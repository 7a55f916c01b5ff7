import { escapeXml } from '../format';

/** The plot area inside a chart, in pixels from the chart's top-left corner. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Room around the plot area for ticks and axis labels, in pixels. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The margins every axis chart uses unless it needs more (long category labels, a legend). */
export const MARGIN: Margin = { top: 12, right: 16, bottom: 40, left: 56 };

/** The plot box of a `width` × `height` chart with `margin`. */
export function plotBox(width: number, height: number, margin: Margin = MARGIN): Box {
  return { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom };
}

/** Two decimals: SVG coordinates finer than that only lengthen the file. */
export const r2 = (v: number) => Math.round(v * 100) / 100;

/** Options of `svgFrame`. */
export interface FrameOptions {
  /** Accessible name, shown as `<title>` and `aria-label`. */
  title: string;
  width: number;
  height: number;
  /** The plot area the axis labels are centred on; omitted for charts without axes (heatmap, bars). */
  box?: Box;
  xLabel?: string;
  yLabel?: string;
  /** Extra class on the `<svg>` besides "chart". */
  className?: string;
}

/** Truncates a label to `max` characters with an ellipsis, so it cannot run into the next chart. */
export const fit = (s: string, max: number) => (s.length > max ? `${s.slice(0, Math.max(1, max - 1))}…` : s);

/**
 * Wraps chart content in an accessible `<svg>` with its axis labels, each cut to the room it has
 * (about 6 px a character), so no label leaves the chart's box.
 */
export function svgFrame(o: FrameOptions, body: string): string {
  const { width: w, height: h } = o;
  const box = o.box ?? plotBox(w, h);
  const title = escapeXml(o.title);
  const xl = o.xLabel ? `<text class="axis-label" x="${r2((box.left + box.right) / 2)}" y="${h - 5}" text-anchor="middle">${escapeXml(fit(o.xLabel, Math.floor((box.right - box.left) / 6)))}</text>` : '';
  const yl = o.yLabel
    ? `<text class="axis-label" transform="translate(12 ${r2((box.top + box.bottom) / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(fit(o.yLabel, Math.floor((box.bottom - box.top) / 6)))}</text>`
    : '';
  const cls = o.className ? `chart ${o.className}` : 'chart';
  return `<svg xmlns="http://www.w3.org/2000/svg" class="${cls}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${title}"><title>${title}</title>${body}${xl}${yl}</svg>`;
}
