import { escapeXml } from './escape';
import { axisEnds, frame, linear, MARGIN, r2, type ChartOptions } from './frame';

/** Fills for up to 10 point groups (Tableau 10); further groups reuse them. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Points (already sampled) with an optional least-squares line; `groups` colours points by label, with a legend. */
export function scatterSvg(
  data: { x: number[]; y: number[]; trend?: { slope: number; intercept: number } | null; groups?: string[] },
  o: ChartOptions,
): string {
  const w = o.width ?? 320;
  const h = o.height ?? 220;
  const xs = data.x;
  const ys = data.y;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    x0 = Math.min(x0, xs[i]);
    x1 = Math.max(x1, xs[i]);
    y0 = Math.min(y0, ys[i]);
    y1 = Math.max(y1, ys[i]);
  }
  const sx = linear(x0, x1, MARGIN.left, w - MARGIN.right);
  const sy = linear(y0, y1, h - MARGIN.bottom, MARGIN.top);
  // One path of tiny squares per group is far smaller than thousands of <circle> elements.
  const paths = new Map<string, string>();
  for (let i = 0; i < xs.length; i++) {
    const g = data.groups?.[i] ?? '';
    paths.set(g, `${paths.get(g) ?? ''}M${r2(sx(xs[i]) - 1)} ${r2(sy(ys[i]) - 1)}h2v2h-2z`);
  }
  const labels = [...paths.keys()].sort();
  const points = labels
    .map((g, k) => `<path class="points" d="${paths.get(g)}"${data.groups ? ` style="fill:${PALETTE[k % PALETTE.length]}"><title>${escapeXml(g)}</title></path>` : '/>'}`)
    .join('');
  const legend = data.groups
    ? labels
        .slice(0, 10)
        .map((g, k) => `<rect x="${w - MARGIN.right - 90}" y="${MARGIN.top + k * 13}" width="8" height="8" style="fill:${PALETTE[k]}"/><text class="tick" x="${w - MARGIN.right - 78}" y="${MARGIN.top + k * 13 + 8}">${escapeXml(g.length > 14 ? `${g.slice(0, 13)}…` : g)}</text>`)
        .join('')
    : '';
  const trend = data.trend
    ? `<line class="trend" x1="${r2(sx(x0))}" y1="${r2(sy(data.trend.slope * x0 + data.trend.intercept))}" x2="${r2(sx(x1))}" y2="${r2(sy(data.trend.slope * x1 + data.trend.intercept))}"><title>${escapeXml(`trend: y = ${data.trend.slope.toPrecision(4)}·x + ${data.trend.intercept.toPrecision(4)}`)}</title></line>`
    : '';
  const body = `${points}${legend}${trend}${xs.length ? axisEnds(MARGIN.left, w - MARGIN.right, h - MARGIN.bottom + 12, x0, x1) : ''}`;
  return frame({ ...o, width: w, height: h }, body, 'scatter');
}
