/**
 * Test helper: CSV files of every awkward shape a real user may bring (only free text, only dates,
 * constant columns, a one-class target, more columns than rows…), generated from a seed so a
 * failing case can be replayed.
 */
import { createRng } from '../../../../src/core/stats';

export const SHAPES = [
  'numeric',
  'lowCategorical',
  'highCategorical',
  'freeText',
  'dates',
  'booleans',
  'constant',
  'oneClass',
  'targetMissing',
  'wide',
  'fewRows',
  'onlyTarget',
] as const;
export type Shape = (typeof SHAPES)[number];

export type TargetKind = 'label' | 'number';

const WORDS = ['fast', 'simple', 'library', 'for', 'parsing', 'http', 'server', 'matrix', 'plots', 'game', 'engine', 'the', 'a', 'tiny', 'modern', 'safe'];

/** One CSV text of `shape` with a target column `y`: class labels or numbers. */
export function shapeCsv(shape: Shape, target: TargetKind, seed: number): string {
  const rng = createRng(seed).next;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
  const rows = shape === 'fewRows' ? 4 + Math.floor(rng() * 3) : shape === 'wide' ? 12 : 40 + Math.floor(rng() * 40);
  const columns: Record<string, (i: number) => string> = {};
  switch (shape) {
    case 'numeric':
    case 'fewRows':
      columns.x1 = () => (rng() * 100 - 50).toFixed(3);
      columns.x2 = () => String(Math.floor(rng() * 1000));
      break;
    case 'lowCategorical':
      columns.colour = () => pick(['red', 'green', 'blue']);
      break;
    case 'highCategorical':
      // Many levels, each repeated a little: not an identifier, too many for one-hot's top 20.
      columns.city = () => `city${Math.floor(rng() * 35)}`;
      break;
    case 'freeText':
      columns.description = (i) => `${Array.from({ length: 6 + Math.floor(rng() * 6) }, () => pick(WORDS)).join(' ')} no. ${i}`;
      break;
    case 'dates':
      columns.day = () => new Date(Date.UTC(2020, 0, 1) + Math.floor(rng() * 900) * 86_400_000).toISOString().slice(0, 10);
      break;
    case 'booleans':
      columns.active = () => pick(['true', 'false']);
      columns.member = () => pick(['true', 'false']);
      break;
    case 'constant':
      columns.unit = () => 'kg';
      columns.version = () => '3';
      break;
    case 'wide':
      for (let j = 0; j < 30; j++) columns[`f${j}`] = () => (rng() * 10).toFixed(2);
      break;
    default:
      columns.x = () => (rng() * 10).toFixed(2);
  }
  const label = (i: number) => {
    if (shape === 'targetMissing') return '';
    if (shape === 'oneClass') return target === 'label' ? 'yes' : '7';
    // Two of each class at least, so a stratified split of a handful of rows still works.
    return target === 'label' ? (i % 2 === 0 ? 'yes' : 'no') : (rng() * 100).toFixed(3);
  };
  const names = shape === 'onlyTarget' ? [] : Object.keys(columns);
  const lines = [[...names, 'y'].join(',')];
  for (let i = 0; i < rows; i++) lines.push([...names.map((n) => columns[n](i)), label(i)].join(','));
  return lines.join('\n') + '\n';
}
