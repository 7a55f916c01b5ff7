import { axesSvg, axisTicks, categoryColors, clippedPath, extentOf, fit, fitAxisX, linearScale, padExtent, placeY, plotBox, r2, svgFrame } from '../../chart';
import { escapeXml, num } from '../../format';
import type { ChartOptions } from './options';

/**
 * Points (already sampled) on round axes with an optional reference line (`trend`, clipped to the
 * plot box); `groups` colours points by label, in the stable category colours, with a legend.
 */
export function scatterSvg(
  data: { x: number[]; y: number[]; trend?: { slope: number; intercept: number } | null; groups?: string[] },
  o: ChartOptions,
): string {
  const w = o.width ?? 320;
  const h = o.height ?? 220;
  const legendW = data.groups ? 96 : 0;
  const box = plotBox(w, h, { top: 10, right: 14 + legendW, bottom: 36, left: 52 });
  const [x0, x1] = padExtent(extentOf([data.x]), 0.03);
  const [y0, y1] = padExtent(extentOf([data.y]), 0.03);
  const x = fitAxisX(x0, x1, [box.left, box.right], w - legendW);
  const xd = x.scale.domain();
  const yt = axisTicks(y0, y1, Math.max(2, Math.round((box.bottom - box.top) / 40)));
  const sx = x.scale;
  const sy = linearScale(yt.domain, [box.bottom, box.top]);
  // One path of tiny squares per group is far smaller than thousands of <circle> elements.
  const paths = new Map<string, string>();
  for (let i = 0; i < data.x.length; i++) {
    if (!Number.isFinite(data.x[i]) || !Number.isFinite(data.y[i])) continue;
    const g = data.groups?.[i] ?? '';
    paths.set(g, `${paths.get(g) ?? ''}M${r2(sx(data.x[i]) - 1)} ${r2(sy(data.y[i]) - 1)}h2v2h-2z`);
  }
  const colors = categoryColors(paths.keys());
  const labels = [...colors.keys()];
  const points = labels
    .map((g) => `<path class="points" d="${paths.get(g)}"${data.groups ? ` style="fill:${colors.get(g)}"><title>${escapeXml(g)}</title></path>` : '/>'}`)
    .join('');
  const legend = data.groups
    ? labels
        .slice(0, Math.floor((box.bottom - box.top) / 13))
        .map((g, k) => `<rect x="${box.right + 8}" y="${box.top + k * 13}" width="8" height="8" style="fill:${colors.get(g)}"/><text class="tick" x="${box.right + 20}" y="${box.top + k * 13 + 8}">${escapeXml(fit(g, 12))}</text>`)
        .join('')
    : '';
  const t = data.trend;
  const trend = t
    ? `<path class="trend" fill="none" d="${clippedPath([sx(xd[0]), sx(xd[1])], [sy(t.slope * xd[0] + t.intercept), sy(t.slope * xd[1] + t.intercept)], box)}"><title>${escapeXml(`reference line: y = ${num(t.slope, 4)}·x + ${num(t.intercept, 4)}`)}</title></path>`
    : '';
  const axes = axesSvg(box, x.ticks, placeY(yt.ticks, yt.labels, sy), escapeXml);
  return svgFrame({ ...o, width: w, height: h, box, className: 'scatter' }, `${axes}${points}${trend}${legend}`);
}
