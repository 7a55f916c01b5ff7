/** A partial-dependence curve in words: which way the column pushes the output, and how far. */
import type { DependenceCurve } from '../models';
import { num } from '../format';

/** A change below this share of the output's size over the curve counts as flat. */
const FLAT = 0.02;

export type DependenceShape = 'flat' | 'rises' | 'falls' | 'mixed' | 'by category';

/** How the PD line goes: flat, steadily up or down (numeric), mixed, or varying by category. */
export function dependenceShape(curve: DependenceCurve): DependenceShape {
  const pd = curve.pd;
  const range = Math.max(...pd) - Math.min(...pd);
  if (pd.length < 2 || !(range > FLAT * Math.max(Math.abs(Math.max(...pd)), Math.abs(Math.min(...pd)), 1e-12))) return 'flat';
  if (curve.kind === 'category') return 'by category';
  const steps = pd.slice(1).map((v, i) => v - pd[i]);
  if (steps.every((s) => s >= -FLAT * range)) return 'rises';
  if (steps.every((s) => s <= FLAT * range)) return 'falls';
  return 'mixed';
}

/** "The probability of “yes” rises from 0.12 to 0.56 as income goes from 1,000 to 9,000." */
export function dependenceWords(curve: DependenceCurve, output: string): string {
  const pd = curve.pd;
  if (pd.length === 0) return `No rows to show how the ${output} depends on ${curve.column}.`;
  const hi = pd.indexOf(Math.max(...pd));
  const lo = pd.indexOf(Math.min(...pd));
  const where = `as ${curve.column} goes from ${num(curve.x[0])} to ${num(curve.x[curve.x.length - 1])}`;
  switch (dependenceShape(curve)) {
    case 'flat':
      return `The ${output} barely changes with ${curve.column} (about ${num(pd[0])}).`;
    case 'by category':
      return `The ${output} is highest for ${curve.column} “${curve.labels[hi]}” (${num(pd[hi])}) and lowest for “${curve.labels[lo]}” (${num(pd[lo])}).`;
    case 'rises':
      return `The ${output} rises from ${num(pd[0])} to ${num(pd[pd.length - 1])} ${where}.`;
    case 'falls':
      return `The ${output} falls from ${num(pd[0])} to ${num(pd[pd.length - 1])} ${where}.`;
    default:
      return `The ${output} moves between ${num(pd[lo])} and ${num(pd[hi])} ${where}, highest at ${num(curve.x[hi])}.`;
  }
}
