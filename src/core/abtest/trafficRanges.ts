/** One variant's share of the traffic line: units with position in [start, end) get `variant`. */
export interface TrafficRange {
  variant: string;
  start: number;
  end: number;
}

/** A variant and its traffic weight (any positive scale; 90 and 10 mean 90 % and 10 %). */
export interface VariantWeight {
  name: string;
  weight: number;
}

/**
 * The traffic line's layout: slices per variant, re-weighting that moves as few units as possible,
 * the slice lookup and the moved share. A bundle's serve.mjs and router.mjs ship these functions
 * with `Function.prototype.toString()`, so the kernel reads only its arguments and built-ins.
 */
export function trafficKernel() {
  function normalize(weights: readonly VariantWeight[]): Map<string, number> {
    if (weights.length === 0) throw new RangeError('A router needs at least one variant with a weight.');
    const total = weights.reduce((s, w) => s + w.weight, 0);
    const shares = new Map<string, number>();
    for (const { name, weight } of weights) {
      if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`Weight of variant "${name}" is ${weight}; use a finite number ≥ 0.`);
      if (shares.has(name)) throw new RangeError(`Variant "${name}" is listed twice; give each variant one weight.`);
      shares.set(name, weight / total);
    }
    if (!(total > 0)) throw new RangeError('All variant weights are 0; give at least one variant a positive weight.');
    return shares;
  }

  function merge(ranges: TrafficRange[]): TrafficRange[] {
    const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
    const out: TrafficRange[] = [];
    for (const r of sorted) {
      const last = out[out.length - 1];
      if (last && last.variant === r.variant && last.end === r.start) out[out.length - 1] = { ...last, end: r.end };
      else out.push({ ...r });
    }
    return out;
  }

  /**
   * Lays the variants out on [0, 1). Without `previous`, as consecutive slices in the given order.
   * With `previous`, each variant keeps its existing slices: variants that lose weight give up the tail
   * of their slices, and variants that gain weight take exactly those freed pieces. So the share of
   * units that change variant equals Σ max(0, new − old) over variants — the least any re-weighting can move.
   */
  function layoutRanges(weights: readonly VariantWeight[], previous?: readonly TrafficRange[]): TrafficRange[] {
    const shares = normalize(weights);
    if (!previous || previous.length === 0) {
      const out: TrafficRange[] = [];
      let start = 0;
      weights.forEach(({ name }, i) => {
        const end = i === weights.length - 1 ? 1 : start + (shares.get(name) ?? 0);
        out.push({ variant: name, start, end });
        start = end;
      });
      return merge(out);
    }
    const kept: TrafficRange[] = [];
    const freed: TrafficRange[] = [];
    const held = new Map<string, number>();
    for (const r of previous) held.set(r.variant, (held.get(r.variant) ?? 0) + (r.end - r.start));
    // Trim each shrinking variant from the end of its last slices backwards.
    const excess = new Map([...held].map(([v, h]) => [v, h - (shares.get(v) ?? 0)]));
    for (const r of [...previous].sort((a, b) => b.start - a.start)) {
      const over = excess.get(r.variant) ?? 0;
      const cut = Math.min(Math.max(0, over), r.end - r.start);
      if (cut > 0) {
        excess.set(r.variant, over - cut);
        freed.push({ variant: '', start: r.end - cut, end: r.end });
      }
      if (r.end - cut > r.start) kept.push({ ...r, end: r.end - cut });
    }
    freed.sort((a, b) => a.start - b.start);
    const growing = [...shares].filter(([v, s]) => s > (held.get(v) ?? 0));
    // Same weights as before (up to rounding): keep the layout as it was.
    if (growing.length === 0) return merge(previous.map((r) => ({ ...r })));
    let g = 0;
    let need = growing.length ? growing[0][1] - (held.get(growing[0][0]) ?? 0) : 0;
    for (const piece of freed) {
      let start = piece.start;
      while (start < piece.end) {
        const last = g >= growing.length - 1;
        const take = last ? piece.end - start : Math.min(need, piece.end - start);
        kept.push({ variant: growing[Math.min(g, growing.length - 1)][0], start, end: start + take });
        start += take;
        need -= take;
        if (need <= 0 && !last) {
          g++;
          need = growing[g][1] - (held.get(growing[g][0]) ?? 0);
        }
      }
    }
    return merge(kept);
  }

  /** The variant whose slice holds `position` (binary search over sorted ranges). */
  function variantAt(ranges: readonly TrafficRange[], position: number): string {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ranges[mid].start <= position) lo = mid;
      else hi = mid - 1;
    }
    return ranges[lo].variant;
  }

  /** Share of the traffic line whose variant differs between two layouts. */
  function movedShare(before: readonly TrafficRange[], after: readonly TrafficRange[]): number {
    const cuts = [...new Set([...before, ...after].flatMap((r) => [r.start, r.end]))].sort((a, b) => a - b);
    let moved = 0;
    for (let i = 0; i + 1 < cuts.length; i++) {
      const mid = (cuts[i] + cuts[i + 1]) / 2;
      if (variantAt(before, mid) !== variantAt(after, mid)) moved += cuts[i + 1] - cuts[i];
    }
    return moved;
  }
  return { layoutRanges, variantAt, movedShare };
}

const kernel = trafficKernel();
/** Lays the variants out on [0, 1), keeping `previous` slices where it can (see `trafficKernel`). */
export const layoutRanges = kernel.layoutRanges;
/** The variant whose slice holds `position`. */
export const variantAt = kernel.variantAt;
/** Share of the traffic line whose variant differs between two layouts. */
export const movedShare = kernel.movedShare;
