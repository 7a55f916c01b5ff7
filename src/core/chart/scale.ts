import { scaleBand, scaleLinear } from 'd3-scale';

/** A numeric scale from data to pixels; `invert` maps back. Both are d3-scale's. */
export interface Scale {
  (value: number): number;
  invert(pixel: number): number;
  domain(): number[];
  range(): number[];
}

/** A linear scale; a flat domain maps every value to the middle of the range. */
export function linearScale(domain: [number, number], range: [number, number]): Scale {
  if (!(domain[1] !== domain[0])) {
    const mid = (range[0] + range[1]) / 2;
    return Object.assign(() => mid, { invert: () => domain[0], domain: () => [...domain], range: () => [...range] });
  }
  return scaleLinear().domain(domain).range(range);
}

/** Evenly spaced bands for categories, with `padding` (default 0.2) of each band left empty. */
export function bandScale(categories: readonly string[], range: [number, number], padding = 0.2) {
  return scaleBand<string>().domain(categories).range(range).padding(padding);
}
