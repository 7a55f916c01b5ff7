/**
 * A network (or a linear model, or the baseline) as SQL: the plain features, then each
 * embedding's row looked up with CASE on the rounded code, then every dense layer unrolled into
 * sums `bias + x0 * w0 + x1 * w1 …`, in scorerRuntime.ts's order so the doubles agree. Weights are
 * float32 values written as exact double literals.
 */
import { DeployError } from '../errors';
import type { PortableModel } from '../types';
import { activationSql } from './activationSql';
import type { SqlChain } from './sqlChain';
import { formatCount } from '../../format';

/**
 * The most weights (multiplications) a network may have: each becomes a term of the query text
 * (about 40 bytes), and engines plan a query of this size (some ten megabytes) in seconds.
 */
const MAX_SQL_WEIGHTS = 250_000;

/** `x * w` as a term; a negative weight becomes `- x * |w|` (the same double: rounding is symmetric). */
function term(chain: SqlChain, x: string, w: number): string {
  return w < 0 || Object.is(w, -0) ? `- ${x} * ${chain.d.num(-w)}` : `${x} * ${chain.d.num(w)}`;
}

function weightCount(model: PortableModel): number {
  return model.layers.reduce((s, l) => s + l.inputs * l.units, 0) + model.embeddings.reduce((s, e) => s + e.size * e.width, 0);
}

/** Embedding rows: a code column per embedding (the scorer's clamped Math.round), then each width column as a CASE on it. */
function embeddingColumns(chain: SqlChain, model: PortableModel, features: string[], keep: string[]): string[] {
  const { d } = chain;
  if (model.embeddings.length === 0) return [];
  const codes = model.embeddings.map((e, i) => {
    const x = features[e.feature];
    const top = e.size - 1;
    return {
      name: chain.col(`code_${i}`),
      expression: `(CASE WHEN ${x} IS NULL OR ${x} < ${d.num(0)} THEN ${d.num(0)} WHEN ${x} > ${d.num(top)} THEN ${d.num(top)} ELSE ${d.floor(`${x} + ${d.num(0.5)}`)} END)`,
    };
  });
  chain.add(keep, codes);
  const out: string[] = [];
  const columns = model.embeddings.flatMap((e, i) =>
    Array.from({ length: e.width }, (_, j) => {
      const name = chain.col(`embed_${i}_${j}`);
      out.push(name);
      const whens = Array.from({ length: e.size }, (_, c) => `WHEN ${d.num(c)} THEN ${d.num(e.table[c * e.width + j])}`);
      return { name, expression: `(CASE ${codes[i].name} ${whens.join(' ')} END)` };
    }),
  );
  chain.add(keep, columns);
  return out;
}

/**
 * DuckDB's form of a dense layer: the inputs as one list per row, led by a 1 for the bias, and
 * each unit a `list_inner_product` with its weights, which DuckDB runs as one loop in order
 * (0 + bias + x0·w0 + x1·w1 …, the scorer's doubles) instead of two vector operations per weight
 * (unrolled sums ran DuckDB at a quarter of scorer.mjs's speed). The function refuses NULL
 * elements, so a row with a NULL in `nullable` (the scorer's NaN, which every unit then carries)
 * gets a NULL list and NULL units. (`list_value`: DuckDB builds `array_value` ten times slower.)
 */
function dotProducts(chain: SqlChain, layer: PortableModel['layers'][number], input: string[], z: string, nullable: string[]): string[] {
  const { d } = chain;
  const x = chain.col(`${z}_in`);
  const values = `list_value(${[d.num(1), ...input].join(', ')})`;
  const guard = nullable.length ? `CASE WHEN ${nullable.map((c) => `${c} IS NULL`).join(' OR ')} THEN NULL ELSE ${values} END` : values;
  chain.add([], [{ name: x, expression: guard }]);
  const out = Array.from({ length: layer.units }, (_, j) => chain.col(`${z}_${j}`));
  chain.add(
    [],
    out.map((name, j) => {
      const weights = [layer.bias[j], ...input.map((_, i) => layer.kernel[i * layer.units + j])].map((w) => d.num(w));
      return { name, expression: `list_inner_product(${x}, [${weights.join(', ')}])` };
    }),
  );
  return out;
}

/**
 * Adds the network's CTEs to `chain` and returns the output columns: one for a regression or a
 * sigmoid output, one probability per class for softmax. `features` are the quoted feature
 * columns in X's order.
 */
export function denseSql(chain: SqlChain, model: PortableModel, features: string[]): string[] {
  const weights = weightCount(model);
  if (weights > MAX_SQL_WEIGHTS) {
    throw new DeployError(
      `The network has ${formatCount(weights)} weights; SQL writes each one into the query, and above ${formatCount(MAX_SQL_WEIGHTS)} the query is too large for databases to plan. ` +
        'Train a smaller network (fewer or narrower hidden layers, or embeddings instead of wide one-hot columns), or score with scorer.mjs or model.onnx.',
    );
  }
  const plain = model.plain.map((j) => features[j]);
  let input = [...plain, ...embeddingColumns(chain, model, features, plain)];
  model.layers.forEach((layer, l) => {
    const z = `z${l + 1}`;
    if (chain.d.name === 'duckdb') {
      input = activationSql(chain, layer.activation, dotProducts(chain, layer, input, z, l === 0 ? plain : input.slice(0, 1)), [], `a${l + 1}`);
      return;
    }
    const targets = Array.from({ length: layer.units }, (_, j) => ({
      name: `${z}_${j}`,
      init: chain.d.num(layer.bias[j]),
      terms: input.map((x, i) => term(chain, x, layer.kernel[i * layer.units + j])),
    }));
    const sums = chain.sums(targets, input);
    input = activationSql(chain, layer.activation, sums, [], `a${l + 1}`);
  });
  return input;
}
