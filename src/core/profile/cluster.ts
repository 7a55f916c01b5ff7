/**
 * Leaf order of an average-linkage hierarchical clustering on distance 1-|r| (NaN = 1),
 * so strongly related columns sit next to each other in a heatmap.
 */
export function clusterOrder(matrix: number[][]): number[] {
  const n = matrix.length;
  const dist = (i: number, j: number) => {
    const r = matrix[i][j];
    return r === r ? 1 - Math.abs(r) : 1;
  };
  let clusters: number[][] = Array.from({ length: n }, (_, i) => [i]);
  while (clusters.length > 1) {
    let best = Infinity;
    let bi = 0;
    let bj = 1;
    for (let a = 0; a < clusters.length; a++) {
      for (let b = a + 1; b < clusters.length; b++) {
        let s = 0;
        for (const i of clusters[a]) for (const j of clusters[b]) s += dist(i, j);
        const d = s / (clusters[a].length * clusters[b].length);
        if (d < best) {
          best = d;
          bi = a;
          bj = b;
        }
      }
    }
    const merged = [...clusters[bi], ...clusters[bj]];
    clusters = clusters.filter((_, k) => k !== bi && k !== bj);
    clusters.splice(bi, 0, merged);
  }
  return clusters[0] ?? [];
}
