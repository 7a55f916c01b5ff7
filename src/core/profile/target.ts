import type { Column, NumericColumn, Table } from '../table';
import { correlationRatio, cramersV, pearson, sampleIndices } from '../stats';
import { takeRows } from './columnKinds';
import { groupedBoxStats } from './boxStats';
import { sampleWhere } from './sampleWhere';
import { isGrouping, isMeasure, toCoded, type Coded } from './columnKinds';
import type { TargetAnalysis, TargetPair } from './types';

/** Points in a target scatter sample. */
export const SCATTER_POINTS = 2000;

/** Rows whose values feed box plots (seeded sample above this); associations use every row. */
export const BOX_SAMPLE_ROWS = 200_000;

/** Least-squares line y = slope·x + intercept over rows where both are finite. */
export function leastSquares(x: ArrayLike<number>, y: ArrayLike<number>): { slope: number; intercept: number } | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++)
    if (x[i] - x[i] === 0 && y[i] - y[i] === 0) {
      n++;
      sx += x[i];
      sy += y[i];
    }
  if (n < 2) return null;
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++)
    if (x[i] - x[i] === 0 && y[i] - y[i] === 0) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

function scatterPair(feature: NumericColumn, target: NumericColumn, seed: number): TargetPair {
  const fx = feature.values;
  const ty = target.values;
  const pick = sampleWhere(fx.length, SCATTER_POINTS, seed, (i) => fx[i] - fx[i] === 0 && ty[i] - ty[i] === 0);
  return {
    column: feature.name,
    kind: 'scatter',
    x: pick.map((r) => fx[r]),
    y: pick.map((r) => ty[r]),
    trend: leastSquares(fx, ty),
  };
}

function stackedPair(feature: Coded, target: Coded): TargetPair {
  const counts = feature.labels.map(() => new Array<number>(target.labels.length).fill(0));
  for (let i = 0; i < feature.codes.length; i++) {
    const a = feature.codes[i];
    const b = target.codes[i];
    if (a >= 0 && b >= 0) counts[a][b]++;
  }
  return { column: feature.name, kind: 'stacked', rows: feature.labels, cols: target.labels, counts };
}

/**
 * Ranks every other column by its association with `targetName` and prepares the data
 * for each pair's chart. Numeric target: |Pearson| (numeric features) or η (categorical);
 * categorical target: η (numeric features) or Cramér's V (categorical). Associations use
 * every row; box plots use a seeded sample of 200k rows on bigger tables.
 */
export function analyseTarget(table: Table, targetName: string, seed = 42): TargetAnalysis {
  const boxRows = table.rowCount > BOX_SAMPLE_ROWS ? sampleIndices(table.rowCount, BOX_SAMPLE_ROWS, seed) : null;
  const forBox = (c: Column) => (boxRows ? takeRows(c, boxRows) : c);
  const target = table.columns.find((c) => c.name === targetName);
  if (!target) {
    const names = table.columns.map((c) => `"${c.name}"`).join(', ');
    throw new RangeError(`Target column "${targetName}" is not in table "${table.name}". Columns: ${names}.`);
  }
  const regression = isMeasure(target);
  const coded = regression ? null : toCoded(target as Column);
  const analysis: TargetAnalysis = { name: targetName, task: regression ? 'regression' : 'classification', associations: [], pairs: [] };
  if (coded) {
    const counts = new Array<number>(coded.labels.length).fill(0);
    for (let i = 0; i < coded.codes.length; i++) if (coded.codes[i] >= 0) counts[coded.codes[i]]++;
    analysis.classBalance = coded.labels
      .map((value, i) => ({ value, count: counts[i] }))
      .filter((c) => c.count > 0)
      .sort((a, b) => b.count - a.count);
  }
  for (const feature of table.columns) {
    if (feature === target) continue;
    if (regression) {
      const y = (target as NumericColumn).values;
      if (isMeasure(feature)) {
        analysis.associations.push({ column: feature.name, measure: 'pearson', value: Math.abs(pearson(feature.values, y)) });
        analysis.pairs.push(scatterPair(feature, target as NumericColumn, seed));
      } else if (isGrouping(feature)) {
        const g = toCoded(feature);
        analysis.associations.push({ column: feature.name, measure: 'eta', value: correlationRatio(g.codes, g.labels.length, y) });
        const gs = toCoded(forBox(feature));
        const ys = (forBox(target) as NumericColumn).values;
        analysis.pairs.push({ column: feature.name, kind: 'box', numeric: targetName, groups: groupedBoxStats(gs.codes, gs.labels, ys) });
      }
    } else if (coded) {
      if (isMeasure(feature)) {
        const v = correlationRatio(coded.codes, coded.labels.length, feature.values);
        analysis.associations.push({ column: feature.name, measure: 'eta', value: v });
        const cs = boxRows ? toCoded(forBox(target)) : coded;
        const xs = (forBox(feature) as NumericColumn).values;
        analysis.pairs.push({ column: feature.name, kind: 'box', numeric: feature.name, groups: groupedBoxStats(cs.codes, cs.labels, xs) });
      } else if (isGrouping(feature)) {
        const g = toCoded(feature);
        const v = cramersV(g.codes, g.labels.length, coded.codes, coded.labels.length);
        analysis.associations.push({ column: feature.name, measure: 'cramers_v', value: v });
        analysis.pairs.push(stackedPair(g, coded));
      }
    }
  }
  // Undefined associations (NaN) sink to the end.
  analysis.associations.sort((a, b) => (b.value === b.value ? b.value : -1) - (a.value === a.value ? a.value : -1));
  return analysis;
}
