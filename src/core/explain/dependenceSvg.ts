/**
 * A partial-dependence chart as an SVG string, drawn with the profile charts' frame and round
 * ticks: faint ICE lines (one per sampled row) under the bold PD line for a numeric column; faint
 * dots per row and a bold mark per category for a categorical one.
 */
import type { DependenceCurve } from '../models';
import { axesSvg, axisTicks, bandScale, clippedPath, dotsPath, fit, fitAxisX, isIntegerValued, linearScale, placeY, r2, svgFrame, type AxisTick } from '../chart';
import { escapeXml, formatCount, formatNumber } from '../format';
import { dependenceWords } from './dependenceWords';

const ICE = 'fill:none;stroke:var(--c1,#0072b2);stroke-opacity:0.22;stroke-width:1';
const PD = 'fill:none;stroke:var(--c6,#d55e00);stroke-width:2.5';


export interface DependenceChartOptions {
  /** The y axis in words: "probability of “yes”". */
  output: string;
  /** Pixels; default 320 × 210. */
  width?: number;
  height?: number;
}

export function dependenceSvg(curve: DependenceCurve, o: DependenceChartOptions): string {
  const w = o.width ?? 320;
  const tilted = curve.kind === 'category' && curve.labels.length > 4;
  const bottom = tilted ? 62 : 36;
  const h = (o.height ?? 210) + (tilted ? 26 : 0);
  const box = { left: 52, top: 10, right: w - 14, bottom: h - bottom };
  const all = [...curve.pd, ...curve.ice.flat()].filter(Number.isFinite);
  const yt = axisTicks(Math.min(...all), Math.max(...all), 4);
  const sy = linearScale(yt.domain, [box.bottom, box.top]);
  let body: string;
  let xTicks: AxisTick[] | null = null;
  if (curve.kind === 'numeric') {
    const x = fitAxisX(curve.x[0], curve.x[curve.x.length - 1], [box.left, box.right], w, { integer: isIntegerValued(curve.x) });
    const sx = x.scale;
    xTicks = x.ticks;
    const px = curve.x.map((v) => sx(v));
    const line = (vs: number[]) => clippedPath(px, vs.map((v) => sy(v)), box);
    body = `<path class="ice" d="${curve.ice.map(line).join('')}" style="${ICE}"/><path class="pd" d="${line(curve.pd)}" style="${PD}"/>`;
  } else {
    const band = bandScale(curve.labels.map((_, g) => String(g)), [box.left, box.right], 0.4);
    const cx = (g: number) => r2(band(String(g))! + band.bandwidth() / 2);
    const dots = curve.ice.map((vs) => dotsPath(vs.map((_, g) => cx(g)), vs.map((v) => sy(v)), box)).join('');
    const marks = curve.pd.map((v, g) => `<line x1="${r2(cx(g) - band.bandwidth() / 2)}" x2="${r2(cx(g) + band.bandwidth() / 2)}" y1="${r2(sy(v))}" y2="${r2(sy(v))}" style="${PD}"><title>${escapeXml(`${curve.labels[g]}: ${formatNumber(v)}`)}</title></line>`).join('');
    const step = band.step();
    const labels = curve.labels
      .map((l, g) =>
        tilted
          ? `<text class="tick" font-size="10" transform="translate(${cx(g)} ${box.bottom + 10}) rotate(-35)" text-anchor="end">${escapeXml(fit(l, 12))}</text>`
          : `<text class="tick" font-size="10" x="${cx(g)}" y="${box.bottom + 13}" text-anchor="middle">${escapeXml(fit(l, Math.max(4, Math.floor(step / 6))))}</text>`,
      )
      .join('');
    body = `${labels}<path class="ice" d="${dots}" stroke="var(--c1,#0072b2)" stroke-opacity="0.35" stroke-width="2.5" stroke-linecap="round"/>${marks}`;
  }
  const title = `${dependenceWords(curve, o.output)} Bold: the average over ${formatCount(curve.rows)} test rows; faint: ${formatCount(curve.ice.length)} single rows.`;
  const axes = axesSvg(box, xTicks, placeY(yt.ticks, yt.labels, sy), escapeXml);
  return svgFrame({ title, width: w, height: h, box, xLabel: curve.title, yLabel: o.output, className: 'dependence' }, axes + body);
}
