/**
 * The arithmetic of the population stability index: the bin of a number among histogram edges, and
 * the index from two count vectors. Shared by deploy's `psi` and the scoring server, whose serve.mjs
 * ships it with `Function.prototype.toString()` for /metrics, so it reads only its arguments and built-ins.
 */
export function psiKernel(epsilon: number) {
  type Band = 'stable' | 'moderate' | 'major';
  function band(value: number): Band {
    return value < 0.1 ? 'stable' : value < 0.25 ? 'moderate' : 'major';
  }
  function result(column: string, labels: string[], expectedCounts: number[], actualCounts: number[]): { column: string; psi: number; band: Band; bins: { label: string; expected: number; actual: number }[] } {
    const eTotal = expectedCounts.reduce((a, b) => a + b, 0) || 1;
    const aTotal = actualCounts.reduce((a, b) => a + b, 0) || 1;
    let psi = 0;
    const bins = labels.map((label, i) => {
      const expected = expectedCounts[i] / eTotal;
      const actual = actualCounts[i] / aTotal;
      const e = Math.max(expected, epsilon);
      const a = Math.max(actual, epsilon);
      psi += (a - e) * Math.log(a / e);
      return { label, expected, actual };
    });
    return { column, psi, band: band(psi), bins };
  }
  /** Bin of v among ascending `edges` (k+1 edges, k bins); values beyond either end go to the end bins. */
  function binOf(edges: number[], v: number): number {
    let lo = 0;
    let hi = edges.length - 2;
    if (v < edges[1]) return 0;
    if (v >= edges[hi]) return hi;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid] <= v) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  return { band, result, binOf };
}

