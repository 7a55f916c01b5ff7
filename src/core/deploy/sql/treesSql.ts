/**
 * A tree ensemble (GBDT or forest, every task) as SQL, following scorerTrees.ts: in DuckDB leaf
 * masks (treeMasks.ts); elsewhere a CTE of bit positions for the categorical features, a CTE with
 * each tree as a CASE column (treeCase.ts); then the
 * tree columns summed per raw score in tree order, at most 50 per expression (summing hundreds of
 * columns in one expression is slow in some engines; orbital groups by 50 too), then
 * base + sum · scale and the link.
 */
import type { TreeEnsemble } from '../../models';
import { treeDepth } from '../treesSpec';
import { sigmoidSql, softmaxSql } from './activationSql';
import type { SqlChain } from './sqlChain';
import { maskable, maskTrees } from './treeMasks';
import { flatCase, maskWords, MISSING_BIT, nestedCase, NO_BIT, WORD_BITS, type TreeColumns } from './treeCase';

/** Trees summed in one expression. */
const TREES_PER_SUM = 50;

/** SQL Server refuses CASE nested deeper than this (error 125). */
const TSQL_CASE_DEPTH = 10;

/**
 * Bit-position columns for every (categorical feature, mask word) a split reads, as integers (DuckDB
 * then shifts without a cast per split). Word 0 is always there: it carries the missing bit.
 */
function bitColumns(chain: SqlChain, e: TreeEnsemble, features: string[], keep: string[]): TreeColumns {
  const { d } = chain;
  const words = new Map<number, Set<number>>();
  for (const tree of e.trees) {
    tree.categories.forEach((cats, i) => {
      if (cats === null) return;
      const f = tree.feature[i];
      const set = words.get(f) ?? new Set<number>([0]);
      for (const m of maskWords(cats, false)) set.add(m.word);
      words.set(f, set);
    });
  }
  const names = new Map<string, string>();
  const columns = [...words.entries()].flatMap(([f, set]) =>
    [...set].sort((a, b) => a - b).map((w) => {
      const x = features[f];
      const lo = w * WORD_BITS;
      const name = chain.col(`bit_${f}_${w}`);
      names.set(`${f}:${w}`, name);
      // As scorerTrees.ts reads codes: NULL or negative is missing; a fraction, or a code in another word, is in no set here.
      const missing = w === 0 ? `WHEN ${x} IS NULL OR ${x} < ${d.num(0)} THEN ${MISSING_BIT} ` : '';
      const inWord = `${lo === 0 ? '' : `${x} >= ${d.num(lo)} AND `}${x} < ${d.num(lo + WORD_BITS)} AND ${x} = ${d.floor(x)}`;
      const bit = `CAST(${lo === 0 ? x : `${x} - ${d.num(lo)}`} AS BIGINT)`;
      return { name, expression: `(CASE ${missing}WHEN ${inWord} THEN ${bit} ELSE ${NO_BIT} END)` };
    }),
  );
  if (columns.length) chain.add(keep, columns);
  return { feature: (f) => features[f], bit: (f, w) => names.get(`${f}:${w}`)! };
}

/**
 * Raw scores per output (before base and link): each tree's value as its own column, then the
 * columns summed in tree order. DuckDB's optimizer hashes every `+` of a sum together with all it
 * adds up, so trees written straight into one long sum cost it time quadratic in the sum's size
 * (minutes for 300 trees); a column per tree keeps each sum a chain of column references.
 */
function rawScores(chain: SqlChain, e: TreeEnsemble, features: string[]): string[] {
  if (chain.d.name === 'duckdb' && maskable(e)) {
    const values = maskTrees(chain, e, features);
    const sums: string[][] = Array.from({ length: e.outputs }, () => []);
    values.forEach((slots, t) => slots.forEach((v, w) => sums[e.treeOutput[t] + w].push(v)));
    return chain.sums(
      sums.map((ts, o) => ({ name: `raw_${o}`, init: null, terms: ts })),
      values.flat(),
      TREES_PER_SUM,
    );
  }
  const used = [...new Set(e.trees.flatMap((t) => t.feature))].sort((a, b) => a - b).map((f) => features[f]);
  const cols = bitColumns(chain, e, features, used);
  const terms: string[][] = Array.from({ length: e.outputs }, () => []);
  const columns: { name: string; expression: string }[] = [];
  e.trees.forEach((tree, t) => {
    const flat = chain.d.name === 'tsql' && treeDepth(tree) > TSQL_CASE_DEPTH;
    for (let w = 0; w < e.width; w++) {
      const name = chain.col(e.width === 1 ? `tree_${t}` : `tree_${t}_${w}`);
      columns.push({ name, expression: flat ? flatCase(tree, e.width, w, cols, chain.d) : nestedCase(tree, e.width, w, cols, chain.d) });
      terms[e.treeOutput[t] + w].push(name);
    }
  });
  if (columns.length) chain.add([], columns);
  return chain.sums(
    terms.map((ts, o) => ({ name: `raw_${o}`, init: null, terms: ts })),
    columns.map((c) => c.name),
    TREES_PER_SUM,
  );
}

/**
 * Adds the ensemble's CTEs to `chain` and returns the output columns: the value (regression), the
 * probability of the second class (binary), or one probability per class (multiclass).
 */
export function treesSql(chain: SqlChain, e: TreeEnsemble, features: string[]): string[] {
  const { d } = chain;
  const raw = rawScores(chain, e, features);
  const scale = e.aggregate === 'average' && e.trees.length > 0 ? 1 / e.trees.length : 1;
  const score = raw.map((_, o) => chain.col(`score_${o}`));
  chain.add(
    [],
    raw.map((r, o) => ({ name: score[o], expression: `${d.num(e.base[o])} + ${scale === 1 ? r : `${r} * ${d.num(scale)}`}` })),
  );
  if (e.task === 'regression' || (e.task === 'multiclass' && e.link !== 'softmax')) return score;
  if (e.task === 'multiclass') return softmaxSql(chain, score, [], 'prob');
  const p = chain.col('prob');
  const z = score[0];
  const expression = e.link === 'sigmoid' ? sigmoidSql(chain, z) : `(CASE WHEN ${z} < ${d.num(0)} THEN ${d.num(0)} WHEN ${z} > ${d.num(1)} THEN ${d.num(1)} ELSE ${z} END)`;
  chain.add([], [{ name: p, expression }]);
  return [p];
}
