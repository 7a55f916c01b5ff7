/**
 * Matching the weights a person typed to the variants of an experiment log. Weights given by name
 * are the safe form; bare weights are matched only under a rule that does not depend on the order
 * of rows in the file (a joined log is often re-sorted, and matching by first appearance once
 * swapped control and treatment).
 */
import { DataError } from '../table';
import type { VariantWeight } from './trafficRanges';

/** A weight as typed: `control=90` (named) or `90` (bare). */
export interface GivenWeight {
  name?: string;
  weight: number;
}

/** Names taken to be the control when bare weights are given (compared case-insensitively). */
const CONTROL_NAMES = ['control', 'champion', 'baseline', 'a'];

export interface ResolvedWeights {
  /** In analysis order: the first is the control. */
  weights: VariantWeight[];
  /** How bare weights were matched; absent for named weights. */
  rule?: string;
}

const list = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
const namedExample = (names: readonly string[], given: readonly GivenWeight[]) =>
  `--weights ${names.map((n, i) => `${n}=${given[i]?.weight ?? '…'}`).join(',')}`;

function checkSameVariants(names: readonly string[], fileVariants: readonly string[], source: string): void {
  const unknown = names.filter((n) => !fileVariants.includes(n));
  const missing = fileVariants.filter((v) => !names.includes(v));
  const problems = [
    unknown.length ? `${source} names ${list(unknown)}, which the log does not have` : '',
    missing.length ? `the log's variant(s) ${list(missing)} ${missing.length === 1 ? 'has' : 'have'} no weight` : '',
  ].filter(Boolean);
  if (problems.length) {
    throw new DataError(`${problems.join('; ')}. The log's variants are ${list(fileVariants)}; give one weight per variant, e.g. ${namedExample(fileVariants, [])}.`, { column: 'variant', code: 'weights-mismatch' });
  }
}

const controlsIn = (names: readonly string[]) => names.filter((v) => CONTROL_NAMES.includes(v.toLowerCase()));

/**
 * The order bare weights follow, or null when the variant names give none: `--variants` when given;
 * otherwise the one recognised control name (control, champion, baseline, A) first and the other
 * variants in alphabetical order.
 */
export function bareWeightOrder(fileVariants: readonly string[], explicit?: readonly string[]): { order: string[]; rule: string } | null {
  if (explicit) return { order: [...explicit], rule: 'bare weights follow --variants' };
  const controls = controlsIn(fileVariants);
  if (controls.length !== 1) return null;
  const rest = fileVariants.filter((v) => v !== controls[0]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { order: [controls[0], ...rest], rule: `bare weights put the control "${controls[0]}" first, the other variants in alphabetical order; name them to be explicit` };
}

/**
 * Weights for `analyzeExperiment`, checked against the log's variants (in any order). Named weights
 * put the one recognised control name first, else keep their order (the first named is the
 * control). Bare weights are matched by
 * {@link bareWeightOrder}, or refused with the named form spelled out with the log's variant names.
 */
export function resolveWeights(given: readonly GivenWeight[], fileVariants: readonly string[], explicit?: readonly string[]): ResolvedWeights {
  const named = given.filter((w) => w.name !== undefined);
  if (named.length && named.length !== given.length) {
    throw new DataError(`Give every weight a name or none: ${namedExample(fileVariants, given)}.`, { code: 'bad-weights' });
  }
  if (named.length) {
    if (explicit) throw new DataError('--variants is only for bare weights; the weights already name their variants. Leave --variants out.', { code: 'bad-weights' });
    const names = named.map((w) => w.name!);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length) throw new DataError(`--weights names ${list([...new Set(twice)])} more than once; give each variant one weight.`, { code: 'bad-weights' });
    checkSameVariants(names, fileVariants, '--weights');
    const weights = named.map((w) => ({ name: w.name!, weight: w.weight }));
    const controls = controlsIn(names);
    if (controls.length === 1) weights.sort((a, b) => Number(b.name === controls[0]) - Number(a.name === controls[0]));
    return { weights };
  }
  if (given.length !== fileVariants.length) {
    throw new DataError(`The log has ${fileVariants.length} variant(s) (${list(fileVariants)}) but --weights gives ${given.length} value(s). Name them: ${namedExample(fileVariants, given)}.`, { column: 'variant', code: 'weights-mismatch' });
  }
  if (explicit) checkSameVariants(explicit, fileVariants, '--variants');
  const match = bareWeightOrder(fileVariants, explicit);
  if (!match) {
    const sorted = [...fileVariants].sort();
    throw new DataError(`Bare weights are ambiguous here: none of the variants ${list(sorted)} is named control, champion, baseline or A, so nothing says which weight is whose. Name them, e.g. ${namedExample(sorted, given)} (the first named is the control), or give --variants in the order of the weights.`, { column: 'variant', code: 'ambiguous-weights' });
  }
  return { weights: match.order.map((name, i) => ({ name, weight: given[i].weight })), rule: match.rule };
}

/** "Weights: control = 90 %, challenger = 10 % (…rule…)", the line the CLI prints before its analysis. */
export function describeWeights(resolved: ResolvedWeights): string {
  const total = resolved.weights.reduce((s, w) => s + w.weight, 0);
  const share = (w: number) => `${Number(((100 * w) / total).toFixed(1))} %`;
  const pairs = resolved.weights.map((w) => `${w.name} = ${share(w.weight)}`).join(', ');
  return `Weights: ${pairs} (${resolved.rule ?? 'as named'}). Control: ${resolved.weights[0].name}.`;
}
