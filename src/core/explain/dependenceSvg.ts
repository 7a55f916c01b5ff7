/**
 * A partial-dependence chart as an SVG string, drawn with the profile charts' frame and round
 * ticks: faint ICE lines (one per sampled row) under the bold PD line for a numeric column; faint
 * dots per row and a bold mark per category for a categorical one.
 */
import type { DependenceCurve } from '../models/explain/types';
import { escapeXml, formatNumber, niceTicks } from '../profile';
import { dependenceWords } from './dependenceWords';

const ICE = 'fill:none;stroke:var(--c1,#0072b2);stroke-opacity:0.22;stroke-width:1';
const PD = 'fill:none;stroke:var(--c6,#d55e00);stroke-width:2.5';
const GRID = 'stroke:var(--line,#d5dae0);stroke-width:0.6';

const r2 = (v: number) => Math.round(v * 100) / 100;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

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
  const m = { top: 10, right: 14, bottom, left: 52 };
  const all = [...curve.pd, ...curve.ice.flat()].filter(Number.isFinite);
  const y = niceTicks(Math.min(...all), Math.max(...all), 4);
  const sy = (v: number) => r2(h - m.bottom - ((v - y.domain[0]) / (y.domain[1] - y.domain[0] || 1)) * (h - m.top - m.bottom));
  const yAxis = y.ticks
    .map((t) => `<line x1="${m.left}" x2="${w - m.right}" y1="${sy(t)}" y2="${sy(t)}" style="${GRID}"/><text class="tick" x="${m.left - 4}" y="${sy(t) + 3}" text-anchor="end">${escapeXml(formatNumber(t))}</text>`)
    .join('');
  let body: string;
  if (curve.kind === 'numeric') {
    const x = niceTicks(curve.x[0], curve.x[curve.x.length - 1], 4);
    const sx = (v: number) => r2(m.left + ((v - x.domain[0]) / (x.domain[1] - x.domain[0] || 1)) * (w - m.left - m.right));
    const line = (vs: number[]) => vs.map((v, g) => `${g ? 'L' : 'M'}${sx(curve.x[g])} ${sy(v)}`).join('');
    const xAxis = x.ticks.map((t) => `<text class="tick" x="${sx(t)}" y="${h - m.bottom + 13}" text-anchor="middle">${escapeXml(formatNumber(t))}</text>`).join('');
    body = `${xAxis}<path class="ice" d="${curve.ice.map(line).join('')}" style="${ICE}"/><path class="pd" d="${line(curve.pd)}" style="${PD}"/>`;
  } else {
    const band = (w - m.left - m.right) / Math.max(1, curve.labels.length);
    const cx = (g: number) => r2(m.left + band * (g + 0.5));
    const dots = curve.ice.map((vs) => vs.map((v, g) => `M${cx(g) - 1} ${sy(v) - 1}h2v2h-2z`).join('')).join('');
    const marks = curve.pd.map((v, g) => `<line x1="${r2(cx(g) - band * 0.3)}" x2="${r2(cx(g) + band * 0.3)}" y1="${sy(v)}" y2="${sy(v)}" style="${PD}"><title>${escapeXml(`${curve.labels[g]}: ${formatNumber(v)}`)}</title></line>`).join('');
    const labels = curve.labels
      .map((l, g) =>
        tilted
          ? `<text class="tick" transform="translate(${cx(g)} ${h - m.bottom + 10}) rotate(-35)" text-anchor="end">${escapeXml(clip(l, 12))}</text>`
          : `<text class="tick" x="${cx(g)}" y="${h - m.bottom + 13}" text-anchor="middle">${escapeXml(clip(l, Math.max(4, Math.floor(band / 6))))}</text>`,
      )
      .join('');
    body = `${labels}<path class="ice" d="${dots}" style="fill:var(--c1,#0072b2);fill-opacity:0.35"/>${marks}`;
  }
  const title = `${dependenceWords(curve, o.output)} Bold: the average over ${curve.rows.toLocaleString('en-US')} test rows; faint: ${curve.ice.length.toLocaleString('en-US')} single rows.`;
  const xl = `<text class="axis-label" x="${m.left + (w - m.left - m.right) / 2}" y="${h - 4}" text-anchor="middle">${escapeXml(clip(curve.title, Math.floor((w - m.left) / 5.5)))}</text>`;
  const yl = `<text class="axis-label" transform="translate(11 ${m.top + (h - m.top - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(clip(o.output, Math.floor((h - m.bottom) / 5.5)))}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart dependence" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>${yAxis}${body}${xl}${yl}</svg>`;
}
