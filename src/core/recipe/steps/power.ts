import type { Table } from '../../table';
import type { FittedStep, PowerStep } from '../types';
import { numericColumn, replaceColumn, sortedFinite } from '../frame';

type FittedPower = Extract<FittedStep, { kind: 'power' }>;

export function fitPower(step: PowerStep, table: Table, where: string): FittedPower {
  if (step.method === 'log') {
    return {
      kind: 'power',
      method: 'log',
      columns: step.columns.map((name) => {
        const sorted = sortedFinite(numericColumn(table, name, where).values);
        return { name, shift: sorted.length > 0 ? Math.max(0, -sorted[0]) : 0 };
      }),
    };
  }
  return {
    kind: 'power',
    method: 'yeo-johnson',
    columns: step.columns.map((name) => ({ name, lambda: fitYeoJohnson(sortedFinite(numericColumn(table, name, where).values)) })),
  };
}

export function applyPower(f: FittedPower, table: Table, where: string): Table {
  let out = table;
  for (const col of f.columns) {
    const c = numericColumn(out, col.name, where);
    const values =
      'shift' in col ? c.values.map((v) => Math.log1p(Math.max(0, v + col.shift))) : c.values.map((v) => yeoJohnson(v, col.lambda));
    out = replaceColumn(out, col.name, [{ ...c, type: 'float', values }]);
  }
  return out;
}

export function yeoJohnson(x: number, lambda: number): number {
  if (x >= 0) return Math.abs(lambda) < 1e-12 ? Math.log1p(x) : ((x + 1) ** lambda - 1) / lambda;
  return Math.abs(lambda - 2) < 1e-12 ? -Math.log1p(-x) : -((1 - x) ** (2 - lambda) - 1) / (2 - lambda);
}

/** λ maximising the Yeo–Johnson profile log-likelihood (golden-section search on [−5, 5]). */
export function fitYeoJohnson(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 1;
  let logTerm = 0;
  for (let i = 0; i < n; i++) logTerm += Math.sign(values[i]) * Math.log1p(Math.abs(values[i]));
  const llf = (lambda: number) => {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += yeoJohnson(values[i], lambda);
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (yeoJohnson(values[i], lambda) - mean) ** 2;
    variance /= n;
    return variance > 0 ? (-n / 2) * Math.log(variance) + (lambda - 1) * logTerm : -Infinity;
  };
  const g = (Math.sqrt(5) - 1) / 2;
  let a = -5;
  let b = 5;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = llf(c);
  let fd = llf(d);
  while (b - a > 1e-9) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = llf(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = llf(d);
    }
  }
  return (a + b) / 2;
}
