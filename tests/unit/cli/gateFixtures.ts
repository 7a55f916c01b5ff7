/**
 * Generated data for the gate, registry and pipeline tests: a binary target driven by x1 (and a
 * little by seg), a prior-only champion and a logistic challenger, as bundle zips and CSV files.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildBundle, type BundleInput } from '../../../src/core/deploy';
import { writeCsv, type Table } from '../../../src/core/table';
import { tableOf } from '../core/recipe/tableOf';
import { trainTiny, type Tiny } from '../core/deploy/trainTiny';

/** A deterministic table: y = left when 2·x1 + 0.5·[seg = a] + noise > 0. */
export function generated(n: number, seed: number): Table {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const x1: number[] = [], x2: number[] = [], seg: string[] = [], y: string[] = [];
  for (let i = 0; i < n; i++) {
    x1.push(Math.round(gauss() * 1e4) / 1e4);
    x2.push(Math.round(gauss() * 1e4) / 1e4);
    seg.push(['a', 'b', 'c'][Math.floor(rand() * 3)]);
    y.push(2 * x1[i] + (seg[i] === 'a' ? 0.5 : 0) + gauss() * 0.7 > 0 ? 'left' : 'stayed');
  }
  return tableOf({ x1, x2, seg, y }, {}, 'generated');
}

export const input = (t: Tiny, name: string, version = 1): BundleInput => ({
  name, version, fitted: t.result.fitted, createdAt: '2026-01-01T00:00:00.000Z',
  model: t.files ? { kind: 'tf', modelKind: 'mlp', files: t.files } : t.result.model.kind === 'trees' ? { kind: 'trees', ensemble: t.result.model as never } : { kind: 'baseline', baseline: t.result.model as never },
});

/** Writes train.csv, test.csv, prior.zip (baseline) and logistic.zip into `dir`. */
export async function gateFiles(dir: string): Promise<{ prior: Tiny; logistic: Tiny }> {
  const train = generated(500, 7);
  await writeFile(join(dir, 'train.csv'), writeCsv(train));
  await writeFile(join(dir, 'test.csv'), writeCsv(generated(300, 11)));
  const prior = await trainTiny(train, 'y', { kind: 'baseline', seed: 1, options: {} });
  const logistic = await trainTiny(train, 'y', { kind: 'logistic', seed: 1, options: {} });
  await writeFile(join(dir, 'prior.zip'), buildBundle(input(prior, 'prior')).zip);
  await writeFile(join(dir, 'logistic.zip'), buildBundle(input(logistic, 'logistic')).zip);
  return { prior, logistic };
}
