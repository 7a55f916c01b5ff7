import { tickFormat } from '../format';
import type { Box } from './frame';
import { r2 } from './frame';
import { linearScale, type Scale } from './scale';
import { niceTicks, type TickOptions } from './ticks';

/** One placed tick: its value, pixel position along the axis, label and text anchor. */
export interface AxisTick {
  value: number;
  at: number;
  label: string;
  anchor: 'start' | 'middle' | 'end';
}

/** An axis ready to draw, on SVG or canvas alike. */
export interface Axis {
  ticks: AxisTick[];
  domain: [number, number];
}

/** Estimated width of a tick label at the 10–11 px tick font: enough to keep it inside the chart. */
const textWidth = (s: string) => s.length * 6.2;

/**
 * Round ticks for [lo, hi] and their labels, formatted for the step (so 0.25 steps print "0.25" and
 * 5,000 steps print "5,000"); `year` axes print plain four digits. Returns the nice domain to build
 * the scale on, and `place` to position the ticks once the scale exists.
 */
export function axisTicks(lo: number, hi: number, count = 5, options: TickOptions & { year?: boolean } = {}) {
  const t = niceTicks(lo, hi, count, { integer: options.integer || options.year });
  const format = tickFormat(t.step, { year: options.year });
  return { ...t, labels: t.ticks.map(format) };
}

/**
 * Places tick labels along a horizontal axis: centred, except that a label that would cross the
 * chart's edge (0 or `width`) is anchored to its tick on the inside, so the last tick is never clipped.
 */
export function placeX(values: number[], labels: string[], scale: Scale, width: number): AxisTick[] {
  return values.map((value, i) => {
    const at = scale(value);
    const half = textWidth(labels[i]) / 2;
    const anchor = at - half < 0 ? 'start' : at + half > width ? 'end' : 'middle';
    return { value, at, label: labels[i], anchor };
  });
}

/** Places tick labels along a vertical axis (anchored at the end, left of the axis). */
export function placeY(values: number[], labels: string[], scale: Scale): AxisTick[] {
  return values.map((value, i) => ({ value, at: scale(value), label: labels[i], anchor: 'end' as const }));
}

/** Whether labels of a horizontal axis would overlap; callers then keep every other one. */
export function crowded(ticks: AxisTick[]): boolean {
  for (let i = 1; i < ticks.length; i++) if (Math.abs(ticks[i].at - ticks[i - 1].at) < (textWidth(ticks[i].label) + textWidth(ticks[i - 1].label)) / 2 + 4) return true;
  return false;
}

/**
 * A horizontal axis whose labels fit: starts from about one tick per 60 px and asks for fewer round
 * ticks until no two labels overlap (so long numbers get a coarser 1-2-5 step, never a thinned,
 * uneven one). Returns the placed ticks and the scale over the rounded domain (or `domain` when fixed).
 */
export function fitAxisX(lo: number, hi: number, range: [number, number], width: number, options: TickOptions & { year?: boolean; domain?: [number, number] } = {}): { ticks: AxisTick[]; scale: Scale } {
  let best: { ticks: AxisTick[]; scale: Scale } | null = null;
  for (let count = Math.max(2, Math.round((range[1] - range[0]) / 60)); count >= 2; count--) {
    const t = axisTicks(lo, hi, count, options);
    const domain = options.domain ?? t.domain;
    const scale = linearScale(domain, range);
    const keep = t.ticks.map((v, i) => [v, t.labels[i]] as const).filter(([v]) => v >= domain[0] - 1e-9 * Math.abs(domain[1] - domain[0]) && v <= domain[1] + 1e-9 * Math.abs(domain[1] - domain[0]));
    best = { ticks: placeX(keep.map(([v]) => v), keep.map(([, l]) => l), scale, width), scale };
    if (!crowded(best.ticks)) return best;
  }
  return best!;
}

/** SVG for a bottom axis and a left axis on `box`, with faint grid lines at the y ticks. */
export function axesSvg(box: Box, x: AxisTick[] | null, y: AxisTick[] | null, esc: (s: string) => string): string {
  const parts: string[] = [];
  if (y)
    for (const t of y) {
      parts.push(`<line class="grid" stroke="#d5dae0" stroke-width="0.6" x1="${box.left}" x2="${box.right}" y1="${r2(t.at)}" y2="${r2(t.at)}"/>`);
      parts.push(`<text class="tick" data-axis="y" font-size="10" fill="#57606a" x="${box.left - 5}" y="${r2(t.at + 3.5)}" text-anchor="end">${esc(t.label)}</text>`);
    }
  if (x)
    for (const t of x) {
      parts.push(`<line class="tick-mark" stroke="#8c959f" x1="${r2(t.at)}" x2="${r2(t.at)}" y1="${box.bottom}" y2="${box.bottom + 4}"/>`);
      parts.push(`<text class="tick" data-axis="x" font-size="10" fill="#57606a" x="${r2(t.at)}" y="${box.bottom + 15}" text-anchor="${t.anchor}">${esc(t.label)}</text>`);
    }
  parts.push(`<line class="axis" stroke="#8c959f" x1="${box.left}" x2="${box.right}" y1="${box.bottom}" y2="${box.bottom}"/>`);
  parts.push(`<line class="axis" stroke="#8c959f" x1="${box.left}" x2="${box.left}" y1="${box.top}" y2="${box.bottom}"/>`);
  return parts.join('');
}
