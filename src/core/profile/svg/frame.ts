import { escapeXml, formatNumber } from './escape';

/** Size and labels shared by every chart builder. */
export interface ChartOptions {
  /** Accessible name, shown as `<title>` and `aria-label`. */
  title: string;
  /** Pixels; defaults 320 × 180. */
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
}

export const MARGIN = { top: 10, right: 10, bottom: 34, left: 48 };

/** Wraps chart content in an accessible `<svg>` with axis labels. */
export function frame(o: ChartOptions, body: string, extraClass = ''): string {
  const w = o.width ?? 320;
  const h = o.height ?? 180;
  const title = escapeXml(o.title);
  const xl = o.xLabel ? `<text class="axis-label" x="${MARGIN.left + (w - MARGIN.left - MARGIN.right) / 2}" y="${h - 4}" text-anchor="middle">${escapeXml(o.xLabel)}</text>` : '';
  const yl = o.yLabel ? `<text class="axis-label" transform="translate(12 ${MARGIN.top + (h - MARGIN.top - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(o.yLabel)}</text>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart${extraClass ? ` ${extraClass}` : ''}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${title}"><title>${title}</title>${body}${xl}${yl}</svg>`;
}

/** A linear scale from [d0, d1] to [r0, r1]; a flat domain maps to the middle. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (!(d1 > d0)) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** Tick labels at the ends of an axis. */
export function axisEnds(x0: number, x1: number, y: number, lo: number, hi: number): string {
  return `<text class="tick" x="${x0}" y="${y}" text-anchor="start">${escapeXml(formatNumber(lo))}</text><text class="tick" x="${x1}" y="${y}" text-anchor="end">${escapeXml(formatNumber(hi))}</text>`;
}

export const r2 = (v: number) => Math.round(v * 100) / 100;
