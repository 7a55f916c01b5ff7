import { isNumeric, type Table } from '../table';
import { createRng } from '../stats';
import { isMeasure } from './columnKinds';
import { sampleWhere } from './sampleWhere';
import type { PcaResult } from './types';

/** Most points PCA projects. */
export const PCA_POINTS = 5000;

/** Leading eigenvector of a symmetric matrix by power iteration (seeded start). */
export function powerIteration(m: Float64Array, d: number, seed: number): { vector: Float64Array; value: number } {
  const rng = createRng(seed);
  let v = new Float64Array(d).map(() => rng.next() - 0.5);
  let value = 0;
  for (let iter = 0; iter < 500; iter++) {
    const w = new Float64Array(d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) w[i] += m[i * d + j] * v[j];
    const norm = Math.hypot(...w);
    if (norm === 0) return { vector: v, value: 0 };
    for (let i = 0; i < d; i++) w[i] /= norm;
    let delta = 0;
    for (let i = 0; i < d; i++) delta = Math.max(delta, Math.abs(w[i] - v[i]));
    v = w;
    value = norm;
    if (delta < 1e-10) break;
  }
  return { vector: v, value };
}

/**
 * 2-D PCA of the standardized integer/float columns over complete rows (≤ 5,000 sampled
 * with `seed`; means and deviations from that sample). Null with fewer than 2 usable
 * (non-constant) columns or 3 complete rows.
 */
export function computePca(table: Table, target?: string, seed = 42): PcaResult | null {
  // The covariance matrix grows with the square of the columns: a wide table uses its first 200 numeric ones.
  const cols = table.columns.filter((c) => isMeasure(c) && c.name !== target).slice(0, 200).map((c) => c as { name: string; values: Float64Array });
  if (cols.length < 2) return null;
  const pick = sampleWhere(table.rowCount, PCA_POINTS, seed, (r) => cols.every((c) => c.values[r] - c.values[r] === 0));
  const n = pick.length;
  if (n < 3) return null;
  const stdCols: { name: string; z: Float64Array }[] = [];
  for (const c of cols) {
    const x = Float64Array.from(pick, (r) => c.values[r]);
    const mean = x.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) * (v - mean), 0) / (n - 1));
    if (sd > 0) stdCols.push({ name: c.name, z: x.map((v) => (v - mean) / sd) });
  }
  const d = stdCols.length;
  if (d < 2) return null;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++) {
      let s = 0;
      const a = stdCols[i].z;
      const b = stdCols[j].z;
      for (let k = 0; k < n; k++) s += a[k] * b[k];
      cov[i * d + j] = cov[j * d + i] = s / (n - 1);
    }
  let trace = 0;
  for (let i = 0; i < d; i++) trace += cov[i * d + i];
  const first = powerIteration(cov, d, seed);
  const deflated = cov.slice();
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) deflated[i * d + j] -= first.value * first.vector[i] * first.vector[j];
  const second = powerIteration(deflated, d, seed + 1);
  const targetColumn = target ? table.columns.find((c) => c.name === target) : undefined;
  const targetAt = (r: number): string | number | null => {
    if (!targetColumn) return null;
    if (isNumeric(targetColumn)) {
      const v = targetColumn.values[r];
      return v === v ? v : null;
    }
    const c = targetColumn.codes[r];
    return c < 0 ? null : targetColumn.dictionary[c];
  };
  const points = pick.map((r, k) => {
    let x = 0;
    let y = 0;
    for (let i = 0; i < d; i++) {
      x += stdCols[i].z[k] * first.vector[i];
      y += stdCols[i].z[k] * second.vector[i];
    }
    return targetColumn ? { x, y, target: targetAt(r) } : { x, y };
  });
  return {
    columns: stdCols.map((c) => c.name),
    explainedVarianceRatio: [first.value / trace, second.value / trace],
    points,
    rowsUsed: n,
  };
}
