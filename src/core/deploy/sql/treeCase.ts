/**
 * One tree as a SQL expression: nested `CASE` (one level per split), or for SQL Server, which
 * refuses CASE nested more than 10 deep, a flat `CASE` with one `WHEN` per leaf whose path
 * conditions are joined by AND. Splits follow scorerTrees.ts exactly:
 * - numeric: left when the value, rounded to float32, is <= the float32 threshold, written as one
 *   comparison of the double with the exact bound below (so it holds whether or not the features
 *   were rounded to float32); NULL (the scorer's NaN) goes where the missing flag says;
 * - categorical: left when the code's bit is set in the split's mask (never `IN (…)`, which DuckDB
 *   runs hundreds of times slower inside nested CASE). A missing code (NULL or negative) is one
 *   more bit of the first word, set when missing values go left, so every split is bit tests only.
 *   Bit positions come from treesSql.ts's integer columns, computed once per row.
 */
import type { Tree } from '../../models';
import { float32AtMost } from '../treesSpec';
import type { SqlDialect } from './dialect';

/** Codes per mask word: bits 0..60 (the masks stay below 2^63, so every engine reads them as BIGINT). */
export const WORD_BITS = 61;
/** The bit a missing code reads in word 0. */
export const MISSING_BIT = 61;
/** The bit a code outside the word reads: never set. */
export const NO_BIT = 62;

/** What a tree's conditions read: feature columns, and per categorical feature the bit position column of each word. */
export interface TreeColumns {
  feature(f: number): string;
  /** The integer column holding the code's bit position in word `w` of feature `f` (MISSING_BIT, or NO_BIT when the code is elsewhere). */
  bit(f: number, w: number): string;
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

function f32Bits(v: number): number {
  F32[0] = v;
  return U32[0];
}

/** The next float32 above the float32 t (2^128 stands for the overflow above the largest one). */
function nextUpF32(t: number): number {
  if (t === 3.4028234663852886e38) return 2 ** 128;
  if (t === 0) return 2 ** -149;
  F32[0] = t;
  U32[0] += t > 0 ? 1 : -1;
  return F32[0];
}

function prevDouble(v: number): number {
  F64[0] = v;
  U64[0] += v > 0 ? -1n : 1n;
  return F64[0];
}

/**
 * The largest double b with `Math.fround(x) <= t` exactly when `x <= b`, for the float32 t: the
 * midpoint between t and the next float32 (exact in a double), kept when ties round to t (its
 * significand is even), else the double just below. ±Infinity for a threshold no value fails / passes.
 */
export function leftBound(t: number): number {
  if (t === Infinity) return Infinity;
  const lo = t === -Infinity ? -(2 ** 128) : t;
  const up = t === -Infinity ? -3.4028234663852886e38 : nextUpF32(t);
  const mid = (lo + up) / 2;
  const even = t === -Infinity || (f32Bits(t) & 1) === 0;
  return even ? mid : prevDouble(mid);
}

/**
 * The mask words of a category set: word w holds codes 61w .. 61w + 60, and word 0 also the missing
 * bit when missing values go left; decimal BIGINT literals.
 */
export function maskWords(codes: number[], missingLeft: boolean): { word: number; mask: string }[] {
  const words = new Map<number, bigint>();
  const set = (w: number, bit: number) => words.set(w, (words.get(w) ?? 0n) | (1n << BigInt(bit)));
  for (const c of codes) {
    if (!(c >= 0) || !Number.isInteger(c)) continue;
    const w = Math.floor(c / WORD_BITS);
    set(w, c - w * WORD_BITS);
  }
  if (missingLeft) set(0, MISSING_BIT);
  return [...words.entries()].sort((a, b) => a[0] - b[0]).map(([word, mask]) => ({ word, mask: mask.toString() }));
}

const TRUE = '1 = 1';
const FALSE = '1 = 0';

/** The condition under which node i sends a row left; never NULL for categorical nodes (the bit columns are never NULL). */
function leftCondition(tree: Tree, i: number, cols: TreeColumns, d: SqlDialect): string {
  const f = tree.feature[i];
  const x = cols.feature(f);
  const missing = tree.missingLeft[i];
  const cats = tree.categories[i];
  if (cats === null) {
    const b = leftBound(float32AtMost(tree.threshold[i]));
    const cmp = b === Infinity ? `${x} IS NOT NULL` : b === -Infinity ? FALSE : `${x} <= ${d.num(b)}`;
    return missing ? `(${x} IS NULL OR ${cmp})` : cmp;
  }
  const tests = maskWords(cats, missing).map((m) => d.bitTest(m.mask, cols.bit(f, m.word)));
  if (tests.length === 0) return FALSE;
  return tests.length === 1 ? tests[0] : `(${tests.join(' OR ')})`;
}

/** The condition under which node i sends a row right: the left condition's complement, NULL included. */
function rightCondition(tree: Tree, i: number, cols: TreeColumns, d: SqlDialect): string {
  if (tree.categories[i] !== null) return `NOT (${leftCondition(tree, i, cols, d)})`;
  const x = cols.feature(tree.feature[i]);
  const b = leftBound(float32AtMost(tree.threshold[i]));
  const cmp = b === Infinity ? FALSE : b === -Infinity ? `${x} IS NOT NULL` : `${x} > ${d.num(b)}`;
  return tree.missingLeft[i] ? cmp : `(${x} IS NULL OR ${cmp})`;
}

/** The tree's value for output slot `w` of each leaf, as a nested CASE. */
export function nestedCase(tree: Tree, width: number, w: number, cols: TreeColumns, d: SqlDialect): string {
  const leaf = (l: number) => d.num(tree.leafValue[l * width + w]);
  if (tree.feature.length === 0) return leaf(0);
  const walk = (node: number): string => {
    if (node < 0) return leaf(~node);
    return `CASE WHEN ${leftCondition(tree, node, cols, d)} THEN ${walk(tree.left[node])} ELSE ${walk(tree.right[node])} END`;
  };
  return `(${walk(0)})`;
}

/** The same value as a flat CASE: one WHEN per leaf, its path's conditions joined by AND. */
export function flatCase(tree: Tree, width: number, w: number, cols: TreeColumns, d: SqlDialect): string {
  const leaf = (l: number) => d.num(tree.leafValue[l * width + w]);
  if (tree.feature.length === 0) return leaf(0);
  const whens: string[] = [];
  const walk = (node: number, path: string[]): void => {
    if (node < 0) {
      whens.push(`WHEN ${path.join(' AND ')} THEN ${leaf(~node)}`);
      return;
    }
    walk(tree.left[node], [...path, leftCondition(tree, node, cols, d)]);
    walk(tree.right[node], [...path, rightCondition(tree, node, cols, d)]);
  };
  walk(0, []);
  return `(CASE ${whens.join(' ')} END)`;
}
