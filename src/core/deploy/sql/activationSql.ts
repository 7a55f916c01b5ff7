/**
 * Activations and links in SQL, written as scorer.mjs computes them (scorerRuntime.ts `activate`,
 * scorerTrees.ts `forwardTrees`) so the doubles agree: NULL (the scorer's NaN) stays NULL, and
 * exp only ever sees arguments that cannot overflow (SQL Server and PostgreSQL raise an error
 * where JavaScript returns Infinity).
 *
 * SQLite: EXP, LN, POWER and TANH are its built-in math functions (SQLite 3.35+, compiled in by
 * default and in sql.js). sql.js also registers older extension functions of the same names that
 * shadow them; initialise it with `useOldExtensionFunctions: false` to run the built-in ones, as
 * the tests do. A SQLite built without math functions cannot run a network's or a GBDT's SQL.
 */
import type { Activation } from '../types';
import type { SqlChain } from './sqlChain';

/** 1 / (1 + e^-z) for z >= 0 and e^z / (1 + e^z) below, so exp never overflows. */
export function sigmoidSql(chain: SqlChain, z: string): string {
  const { d } = chain;
  const one = d.num(1);
  return `(CASE WHEN ${z} >= ${d.num(0)} THEN ${one} / (${one} + ${d.exp(`-${z}`)}) ELSE ${d.exp(z)} / (${one} + ${d.exp(z)}) END)`;
}

function unitSql(chain: SqlChain, act: Activation, z: string): string {
  const { d } = chain;
  const zero = d.num(0);
  switch (act) {
    case 'relu':
      return `(CASE WHEN ${z} < ${zero} THEN ${zero} ELSE ${z} END)`;
    case 'tanh':
      return d.tanh(z);
    case 'sigmoid':
      return sigmoidSql(chain, z);
    case 'elu':
      return `(CASE WHEN ${z} < ${zero} THEN ${d.exp(z)} - ${d.num(1)} ELSE ${z} END)`;
    case 'selu':
      return `${d.num(1.0507009873554805)} * (CASE WHEN ${z} > ${zero} THEN ${z} ELSE ${d.num(1.6732632423543772)} * (${d.exp(z)} - ${d.num(1)}) END)`;
    default:
      throw new Error(`unitSql: ${act} is not an element-wise activation`);
  }
}

/**
 * Applies `act` to the columns `z`, in new CTEs that also keep `keep`; returns the activated
 * columns (`z` itself for a linear layer). `base` names the new columns.
 */
export function activationSql(chain: SqlChain, act: Activation, z: string[], keep: string[], base: string): string[] {
  if (act === 'linear') return z;
  if (act === 'softmax') return softmaxSql(chain, z, keep, base);
  const out = z.map((_, j) => chain.col(`${base}_${j}`));
  chain.add(keep, z.map((zj, j) => ({ name: out[j], expression: unitSql(chain, act, zj) })));
  return out;
}

/**
 * Softmax as the scorer computes it: e_j = exp(z_j - max), summed in order, each divided by the
 * sum. The max is a tournament of two-way maxima, one CTE per round, so no expression nests deeper
 * than one comparison (SQL Server's CASE form of GREATEST repeats its arguments).
 */
export function softmaxSql(chain: SqlChain, z: string[], keep: string[], base: string): string[] {
  const { d } = chain;
  let level = z;
  for (let round = 1; level.length > 1; round++) {
    const next: { name: string; expression: string }[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const name = chain.col(`${base}_max${round}_${i / 2}`);
      next.push({ name, expression: i + 1 < level.length ? d.greatest(level[i], level[i + 1]) : level[i] });
    }
    chain.add([...keep, ...z], next);
    level = next.map((c) => c.name);
  }
  const max = level[0];
  const e = z.map((_, j) => chain.col(`${base}_exp_${j}`));
  chain.add(keep, z.map((zj, j) => ({ name: e[j], expression: d.exp(`${zj} - ${max}`) })));
  const [sum] = chain.sums([{ name: `${base}_sum`, init: null, terms: e }], [...keep, ...e]);
  const p = z.map((_, j) => chain.col(`${base}_${j}`));
  chain.add(keep, e.map((ej, j) => ({ name: p[j], expression: `${ej} / ${sum}` })));
  return p;
}
