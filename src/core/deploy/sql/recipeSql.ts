/**
 * The fitted recipe as a chain of CTEs, step for step what scorerTransform.ts runs on one row:
 * the same operations in the same order on doubles, NULL where the scorer has NaN (or a missing
 * string), and the model features rounded to float32 at the end, as the scorer's Float32Array X
 * holds them. Every intermediate column gets an internal alias (`c12`), so a user's column name
 * appears only once, quoted, in the first CTE: no name can collide with or break the query.
 */
import type { FittedRecipe, FittedStep, InputColumn } from '../../recipe';
import { isStringType } from '../coerceCell';
import { DeployError } from '../errors';
import { requiredInputs } from '../requiredInputs';
import type { SqlDialect } from './dialect';
import type { SqlCte } from './sqlChain';

export interface RecipeSql {
  ctes: SqlCte[];
  /** The quoted name of the last CTE, which holds the features. */
  from: string;
  /** Quoted feature columns of the last CTE, in `featureNames` order. */
  features: string[];
  /** The quoted id column carried through every CTE, or null without an id. */
  id: string | null;
}

interface Live {
  alias: string;
  num: boolean;
}

const PERIOD: Record<string, number> = { month: 12, weekday: 7, hour: 24 };

/** How an input cell is read: text for category-like columns ('' is missing, as in the scorer), a double otherwise. */
function readInput(d: SqlDialect, c: InputColumn, ref: string): string {
  if (isStringType(c.type)) return `NULLIF(${d.toText(ref)}, '')`;
  if (c.type === 'datetime') return d.epochMs(ref);
  if (c.type === 'boolean') return d.boolToDouble(ref);
  return d.toDouble(ref);
}


/**
 * @param source `from`: the quoted relation holding the rows (tableRef's output, or a table function call);
 *   `id`: an input column to carry through as the id (unquoted name)
 */
export function recipeSql(fitted: FittedRecipe, d: SqlDialect, source: { from: string; id?: string }): RecipeSql {
  const n = (v: number) => d.num(v);
  const ctes: SqlCte[] = [];
  const live = new Map<string, Live>();
  const id = source.id === undefined ? null : d.ident('mb_id');
  let aliases = 0;
  const fresh = () => `c${aliases++}`;
  const q = (alias: string) => d.ident(alias);
  const fenced = (select: string) => (d.fence ? `${select} ${d.fence}` : select);

  /** One CTE: every live column carried (or recomputed by `computed`), plus `extra` temporaries. */
  function stage(computed: Map<string, string>, extra: [string, string][] = []): void {
    const from = ctes.length ? ctes[ctes.length - 1].name : source.from;
    const cols: string[] = id ? [ctes.length ? id : `${d.ident(source.id as string)} AS ${id}`] : [];
    for (const { alias } of live.values()) cols.push(computed.has(alias) ? `${computed.get(alias)} AS ${q(alias)}` : q(alias));
    for (const [alias, expr] of extra) cols.push(`${expr} AS ${q(alias)}`);
    if (cols.length === 0) cols.push(`${n(0)} AS ${q('mb_none')}`);
    ctes.push({ name: q(`mb_step${ctes.length}`), select: fenced(`SELECT ${cols.join(', ')} FROM ${from}`) });
  }
  function get(name: string, kind: string, num?: boolean): Live {
    const at = live.get(name);
    if (!at || (num !== undefined && at.num !== num)) throw new DeployError(`Step '${kind}' needs column '${name}', which is not there at that point; the recipe is damaged, export it again.`, { column: name });
    return at;
  }
  /** Replaces `name` with a new column holding `expr`; returns the new alias. */
  function put(computed: Map<string, string>, name: string, expr: string, num: boolean): void {
    const alias = fresh();
    live.delete(name);
    live.set(name, { alias, num });
    computed.set(alias, expr);
  }
  /** log1p without cancellation (Kahan): u = 1 + a; a when u = 1, else ln(u) · a / (u − 1). `a` must be cheap to repeat. */
  const log1p = (a: string) => `(CASE WHEN (${n(1)} + ${a}) = ${n(1)} THEN ${a} ELSE (${d.ln(`${n(1)} + ${a}`)} * ${a}) / ((${n(1)} + ${a}) - ${n(1)}) END)`;
  const text = (x: string) => d.exactText(x);

  // Stage 0: the raw cells, read once.
  const inputs = requiredInputs(fitted);
  const first = new Map<string, string>();
  for (const c of inputs) {
    const alias = fresh();
    live.set(c.name, { alias, num: !isStringType(c.type) });
    first.set(alias, readInput(d, c, d.ident(c.name)));
  }
  {
    const cols: string[] = id ? [`${d.ident(source.id as string)} AS ${id}`] : [];
    for (const [alias, expr] of first) cols.push(`${expr} AS ${q(alias)}`);
    if (cols.length === 0) cols.push(`${n(0)} AS ${q('mb_none')}`);
    ctes.push({ name: q('mb_input'), select: fenced(`SELECT ${cols.join(', ')} FROM ${source.from}`) });
  }

  fitted.steps.forEach((step, i) => compileStep(step, i));
  // Features as the scorer hands them to the model: float32.
  const features: [string, string][] = fitted.featureNames.map((name, j) => [`f${j}`, d.f32(q(get(name, 'features', true).alias))]);
  live.clear();
  stage(new Map(), features);
  ctes[ctes.length - 1].name = q('mb_features');
  return { ctes, from: q('mb_features'), features: features.map(([a]) => q(a)), id };

  function compileStep(step: FittedStep, index: number): void {
    const computed = new Map<string, string>();
    if (step.kind === 'drop') {
      for (const name of step.columns) live.delete(name);
      return;
    }
    if (step.kind === 'text') {
      throw new DeployError(`The text step (step ${index + 1}) splits '${step.columns.map((c) => c.name).join("', '")}' into words and weighs them (TF-IDF or hashing), which SQL cannot express portably; score this model with scorer.mjs or serve.mjs instead.`, { step: index + 1, column: step.columns[0]?.name });
    }
    if (step.kind === 'derive') {
      throw new DeployError(`Derived column '${step.name}' (step ${index + 1}) uses an arquero expression, which cannot be written as SQL; drop the step, or compute '${step.name}' in the table before training, then export again.`, { step: index + 1, column: step.name });
    }
    if (step.kind === 'impute') {
      for (const c of step.columns) {
        const at = get(c.name, 'impute');
        const x = q(at.alias);
        put(computed, c.name, `COALESCE(${x}, ${at.num ? n(Number(c.fill)) : d.str(String(c.fill))})`, at.num);
        if (c.indicator) put(computed, c.name + '_missing', `(CASE WHEN ${x} IS NULL THEN ${n(1)} ELSE ${n(0)} END)`, true);
      }
    } else if (step.kind === 'scale') {
      for (const c of step.columns) put(computed, c.name, `(${q(get(c.name, 'scale', true).alias)} - ${n(c.center)}) / ${n(c.scale)}`, true);
    } else if (step.kind === 'encode') {
      for (const c of step.columns) encode(computed, step.method, c);
    } else if (step.kind === 'clip') {
      for (const c of step.columns) {
        const x = q(get(c.name, 'clip', true).alias);
        // JSON has no infinities: an unbounded side arrives as null.
        const lower = (c.lower as number | null) === null ? '' : ` WHEN ${x} < ${n(c.lower)} THEN ${n(c.lower)}`;
        const upper = (c.upper as number | null) === null ? '' : ` WHEN ${x} > ${n(c.upper)} THEN ${n(c.upper)}`;
        put(computed, c.name, lower || upper ? `(CASE${lower}${upper} ELSE ${x} END)` : x, true);
      }
    } else if (step.kind === 'power' && step.method === 'log') {
      // max(0, x + shift) in one stage, its log1p in the next, so the shifted value is computed once.
      const shifted = new Map<string, string>();
      for (const c of step.columns) {
        const x = q(get(c.name, 'power', true).alias);
        put(shifted, c.name, `(CASE WHEN ${x} + ${n(c.shift)} < ${n(0)} THEN ${n(0)} ELSE ${x} + ${n(c.shift)} END)`, true);
      }
      stage(shifted);
      for (const c of step.columns) put(computed, c.name, log1p(q(get(c.name, 'power', true).alias)), true);
    } else if (step.kind === 'power') {
      for (const c of step.columns) put(computed, c.name, yeoJohnson(q(get(c.name, 'power', true).alias), c.lambda), true);
    } else if (step.kind === 'datetime') {
      datetime(step);
      return;
    }
    stage(computed);
  }

  function encode(computed: Map<string, string>, method: string, c: { name: string; vocabulary: string[]; other: boolean }): void {
    const x = text(q(get(c.name, 'encode', false).alias));
    if (method === 'onehot') {
      live.delete(c.name);
      c.vocabulary.forEach((v) => put(computed, c.name + '=' + v, `(CASE WHEN ${x} = ${d.str(v)} THEN ${n(1)} ELSE ${n(0)} END)`, true));
      if (c.other) {
        const known = c.vocabulary.length ? ` WHEN ${x} IN (${c.vocabulary.map(d.str).join(', ')}) THEN ${n(0)}` : '';
        put(computed, c.name + '=(other)', `(CASE WHEN ${x} IS NULL THEN ${n(0)}${known} ELSE ${n(1)} END)`, true);
      }
      return;
    }
    const embedding = method === 'embedding';
    // A repeated vocabulary entry keeps its last index, as the scorer's Map does.
    const last = new Map(c.vocabulary.map((v, i) => [v, i]));
    const whens = [...last].map(([v, i]) => ` WHEN ${d.str(v)} THEN ${n(embedding ? i + 1 : i)}`).join('');
    put(computed, c.name, whens ? `(CASE ${x}${whens} ELSE ${n(embedding ? 0 : -1)} END)` : n(embedding ? 0 : -1), true);
  }

  function yeoJohnson(x: string, lambda: number): string {
    const pos = Math.abs(lambda) < 1e-12 ? log1p(x) : `(${d.pow(`${x} + ${n(1)}`, n(lambda))} - ${n(1)}) / ${n(lambda)}`;
    const neg = Math.abs(lambda - 2) < 1e-12 ? `-${log1p(`(-${x})`)}` : `-((${d.pow(`${n(1)} - ${x}`, n(2 - lambda))} - ${n(1)}) / ${n(2 - lambda)})`;
    return `(CASE WHEN ${x} >= ${n(0)} THEN ${pos} ELSE ${neg} END)`;
  }

  /** Civil date parts of UTC epoch ms (Hinnant's days-to-civil), one intermediate per stage as scorerTransform's `civil`. */
  function datetime(step: { parts: string[]; cyclic: boolean; columns: string[] }): void {
    const f = d.floor;
    const cols = step.columns.map((name) => ({ name, ms: q(get(name, 'datetime', true).alias), t: {} as Record<string, string> }));
    const temps: [string, string][] = [];
    const tmp = (c: (typeof cols)[number], key: string, expr: string) => {
      c.t[key] = fresh();
      temps.push([c.t[key], expr]);
    };
    const plan: ((c: (typeof cols)[number]) => void)[][] = [
      [(c) => tmp(c, 'days', f(`${c.ms} / ${n(86400000)}`))],
      [
        (c) => tmp(c, 'hour', f(`(${c.ms} - ${q(c.t.days)} * ${n(86400000)}) / ${n(3600000)}`)),
        (c) => tmp(c, 'weekday', `${q(c.t.days)} + ${n(4)} - ${n(7)} * ${f(`(${q(c.t.days)} + ${n(4)}) / ${n(7)}`)}`),
        (c) => tmp(c, 'z', `${q(c.t.days)} + ${n(719468)}`),
      ],
      [(c) => tmp(c, 'era', f(`${q(c.t.z)} / ${n(146097)}`))],
      [(c) => tmp(c, 'doe', `${q(c.t.z)} - ${q(c.t.era)} * ${n(146097)}`)],
      [(c) => tmp(c, 'yoe', f(`(${q(c.t.doe)} - ${f(`${q(c.t.doe)} / ${n(1460)}`)} + ${f(`${q(c.t.doe)} / ${n(36524)}`)} - ${f(`${q(c.t.doe)} / ${n(146096)}`)}) / ${n(365)}`))],
      [(c) => tmp(c, 'doy', `${q(c.t.doe)} - (${n(365)} * ${q(c.t.yoe)} + ${f(`${q(c.t.yoe)} / ${n(4)}`)} - ${f(`${q(c.t.yoe)} / ${n(100)}`)})`)],
      [(c) => tmp(c, 'mp', f(`(${n(5)} * ${q(c.t.doy)} + ${n(2)}) / ${n(153)}`))],
      [
        (c) => tmp(c, 'month', `(CASE WHEN ${q(c.t.mp)} < ${n(10)} THEN ${q(c.t.mp)} + ${n(3)} ELSE ${q(c.t.mp)} - ${n(9)} END)`),
        (c) => tmp(c, 'day', `${q(c.t.doy)} - ${f(`(${n(153)} * ${q(c.t.mp)} + ${n(2)}) / ${n(5)}`)} + ${n(1)}`),
        (c) => tmp(c, 'year', `${q(c.t.yoe)} + ${q(c.t.era)} * ${n(400)} + (CASE WHEN ${q(c.t.mp)} >= ${n(10)} THEN ${n(1)} ELSE ${n(0)} END)`),
      ],
    ];
    const carried: [string, string][] = [];
    for (const round of plan) {
      temps.length = 0;
      for (const c of cols) for (const make of round) make(c);
      // Temporaries of earlier rounds are carried forward as plain references.
      stage(new Map(), [...carried, ...temps]);
      carried.push(...temps.map(([a]): [string, string] => [a, q(a)]));
    }
    const computed = new Map<string, string>();
    for (const c of cols) {
      live.delete(c.name);
      for (const p of step.parts) {
        const v = q(c.t[p]);
        const period = PERIOD[p];
        if (step.cyclic && period) {
          const angle = `(${n(2 * Math.PI)} * ${v}) / ${n(period)}`;
          put(computed, `${c.name}_${p}_sin`, d.sin(angle), true);
          put(computed, `${c.name}_${p}_cos`, d.cos(angle), true);
        } else put(computed, `${c.name}_${p}`, v, true);
      }
    }
    // The outputs read the temporaries, which the last stage carries.
    stage(computed);
  }
}
