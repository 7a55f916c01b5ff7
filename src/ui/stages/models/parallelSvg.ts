import { axisTicks, fit, r2, svgFrame } from '../../../core/chart';
import { escapeXml as esc } from '../../../core/format';

/** One axis of a parallel-coordinates chart. */
export interface ParallelAxis {
  label: string;
  /** One value per line; NaN for a line that lacks it. */
  values: number[];
}

/** Blue (worst) to orange (best) along the Okabe–Ito pair, so colour-blind readers see the order. */
function ramp(t: number): string {
  const a = [0x00, 0x72, 0xb2];
  const b = [0xe6, 0x9f, 0x00];
  return `rgb(${a.map((v, i) => Math.round(v + (b[i] - v) * t)).join(' ')})`;
}

/**
 * Parallel coordinates: one vertical axis per parameter, the last one the metric, one polyline
 * per run coloured by its metric (`better` says which end is best). Axes are min–max scaled.
 */
export function parallelSvg(axes: readonly ParallelAxis[], o: { title: string; better: 'higher' | 'lower'; width?: number; height?: number }): string {
  const w = o.width ?? Math.max(420, axes.length * 130);
  const h = o.height ?? 280;
  const top = 30;
  const bottom = 40;
  const step = (w - 80) / Math.max(1, axes.length - 1);
  // Each axis runs between round ends, labelled by the toolkit's tick format.
  const ticks = axes.map((a) => {
    const finite = a.values.filter(Number.isFinite);
    return finite.length === 0 ? axisTicks(0, 1, 2) : axisTicks(Math.min(...finite), Math.max(...finite), 2, { integer: finite.every(Number.isInteger) });
  });
  const ranges = ticks.map((t) => t.domain);
  const y = (k: number, v: number) => h - bottom - ((v - ranges[k][0]) / (ranges[k][1] - ranges[k][0])) * (h - top - bottom);
  const metric = axes[axes.length - 1];
  const [mLo, mHi] = ranges[axes.length - 1];
  const parts: string[] = [];
  const n = metric?.values.length ?? 0;
  for (let i = 0; i < n; i++) {
    let d = '';
    let pen = false;
    axes.forEach((a, k) => {
      const v = a.values[i];
      const ok = Number.isFinite(v);
      if (ok) d += `${pen ? 'L' : 'M'}${r2(40 + k * step)} ${r2(y(k, v))}`;
      pen = ok;
    });
    const t = (metric.values[i] - mLo) / (mHi - mLo);
    const score = Number.isFinite(t) ? (o.better === 'higher' ? t : 1 - t) : 0;
    parts.push(`<path d="${d}" fill="none" stroke="${ramp(score)}" stroke-width="1.5" opacity="0.7"/>`);
  }
  axes.forEach((a, k) => {
    const x = 40 + k * step;
    parts.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${h - bottom}" stroke="#57606a"/>`);
    const last = k === axes.length - 1 && k > 0;
    const end = (v: string) => (last ? `x="${x - 4}" text-anchor="end"` : `x="${x + 4}"`) + `>${esc(v)}`;
    const t = ticks[k];
    parts.push(`<text x="${x}" y="${top - 10}" text-anchor="${k === 0 ? 'start' : last ? 'end' : 'middle'}" font-size="12" font-weight="600">${esc(fit(a.label, Math.floor(step / 7)))}</text>`);
    parts.push(`<text y="${top + 4}" font-size="10" ${end(t.labels[t.labels.length - 1])}</text>`);
    parts.push(`<text y="${h - bottom + 14}" font-size="10" ${end(t.labels[0])}</text>`);
  });
  const label = `${o.title}: ${n} runs across ${axes.map((a) => a.label).join(', ')}; colour from worst (blue) to best (orange) ${metric?.label ?? ''}`;
  return svgFrame({ title: label, width: w, height: h, className: 'parallel' }, parts.join(''));
}
