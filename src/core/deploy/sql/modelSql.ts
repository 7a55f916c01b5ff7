/**
 * The model part of model.sql: CTEs that turn the features CTE (the recipe's X, a feature NULL
 * where scorer.mjs has NaN) into the prediction and, for classifiers, one probability per class,
 * computed as scorer.mjs computes them so the two agree to about 1e-15 (tests hold them to 1e-9).
 */
import type { Task } from '../../recipe';
import { DeployError } from '../errors';
import type { PortableModel } from '../types';
import type { SqlDialect } from './dialect';
import { denseSql } from './denseSql';
import { SqlChain, type SqlCte } from './sqlChain';
import { treesSql } from './treesSql';

export interface ModelSqlOptions {
  /** The classes in the scorer's order (null for regression). */
  classes: string[] | null;
  task: Task;
  /** The quoted relation (a CTE) whose columns are the features. */
  source: string;
  /** Quoted columns of `source` to pass through to the outputs' relation (the id column, if any). */
  carry: string[];
}

export interface ModelSql {
  ctes: SqlCte[];
  /** The quoted relation the outputs read: the last CTE. */
  from: string;
  /** Unquoted names: `prediction` (the label, or the value), then `p_<class>` per class. */
  outputs: { name: string; expression: string }[];
}

/**
 * `features` are the quoted feature columns of `opts.source`, in `fitted.featureNames` order.
 * Throws a DeployError for a network too large to write as SQL (denseSql.ts).
 */
export function modelSql(model: PortableModel, features: string[], d: SqlDialect, opts: ModelSqlOptions): ModelSql {
  const chain = new SqlChain(d, opts.source, opts.carry, [...features, ...opts.carry]);
  const out = model.source === 'trees' ? treesSql(chain, model.trees!, features) : denseSql(chain, model, features);
  if (opts.task === 'regression') return { ctes: chain.ctes, from: chain.from, outputs: [{ name: 'prediction', expression: out[0] }] };
  const classes = opts.classes ?? [];
  const p = out.length === 1 ? [`${d.num(1)} - ${out[0]}`, out[0]] : out;
  if (p.length !== classes.length) {
    throw new DeployError(`The model gives ${p.length} class probabilities but the recipe has ${classes.length} classes; the model and preprocess.json do not belong together. Re-export the run.`);
  }
  return {
    ctes: chain.ctes,
    from: chain.from,
    outputs: [{ name: 'prediction', expression: labelSql(p, classes, d) }, ...classes.map((c, j) => ({ name: `p_${c}`, expression: p[j] }))],
  };
}

/**
 * The first class with the largest probability, as the scorer picks it: class i when it is >= every
 * later one (reaching WHEN i means an earlier one was beaten, so i also beats those); all NULL (the
 * scorer's NaN) gives the first class.
 */
function labelSql(p: string[], classes: string[], d: SqlDialect): string {
  const k = p.length;
  if (k === 2) return `(CASE WHEN ${p[1]} > ${p[0]} THEN ${d.str(classes[1])} ELSE ${d.str(classes[0])} END)`;
  const whens = p.slice(0, -1).map((pi, i) => {
    const later = p.slice(i + 1).map((pj) => `${pi} >= ${pj}`);
    return `WHEN ${later.join(' AND ')} THEN ${d.str(classes[i])}`;
  });
  whens.push(`WHEN ${p[k - 1]} IS NOT NULL THEN ${d.str(classes[k - 1])}`);
  return `(CASE ${whens.join(' ')} ELSE ${d.str(classes[0])} END)`;
}
