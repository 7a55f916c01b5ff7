/**
 * The fitted recipe as ONNX nodes: one [N,1] value per column. Numbers are carried in double, like
 * the studio's Float64Array columns, and rounded to float only as features, so even a recipe that
 * divides by a tiny scale agrees with the studio. String columns stay as they arrived plus the
 * imputed fill, resolved when the column is encoded (LabelEncoder maps "" to the fill's code).
 */
import type { FittedRecipe, FittedStep, InputColumn } from '../../recipe';
import { isStringType } from '../coerceCell';
import { DeployError } from '../errors';
import { ML, type GraphBuilder } from './graphBuilder';
import { DT } from './onnxTypes';

type Sym = { kind: 'num'; t: string } | { kind: 'str'; t: string; fill: string | null };

const PERIOD: Record<string, number> = { month: 12, weekday: 7, hour: 24 };
const OTHER = '(other)';

export interface PreprocessOutput {
  /** Float [N,1] value of every feature, in `featureNames` order. */
  features: string[];
}

export function preprocessGraph(g: GraphBuilder, fitted: FittedRecipe, inputs: InputColumn[], inputNames: string[]): PreprocessOutput {
  const cols = new Map<string, Sym>();
  inputs.forEach((c, i) => {
    if (isStringType(c.type)) cols.set(c.name, { kind: 'str', t: inputNames[i], fill: null });
    else cols.set(c.name, { kind: 'num', t: c.type === 'datetime' ? inputNames[i] : g.op('Cast', [inputNames[i]], { to: { i: DT.DOUBLE } }) });
  });
  const num = (name: string, where: string) => {
    const s = cols.get(name);
    if (!s || s.kind !== 'num') throw new DeployError(`${where} needs numeric column '${name}', which the graph does not have at that point; preprocess.json is inconsistent, refit the recipe.`);
    return s;
  };
  const str = (name: string, where: string) => {
    const s = cols.get(name);
    if (!s || s.kind !== 'str') throw new DeployError(`${where} needs text column '${name}', which the graph does not have at that point; preprocess.json is inconsistent, refit the recipe.`);
    return s;
  };
  const d = (v: number) => g.doubles([v]);
  // Min/Max/Where may turn NaN into a number; a missing value must stay missing until imputed.
  const keepNaN = (x: string, y: string) => g.op('Where', [g.op('IsNaN', [x]), x, y]);
  const setNum = (name: string, t: string) => cols.set(name, { kind: 'num', t });

  fitted.steps.forEach((step, i) => applyStep(step, `Step ${i + 1} (${step.kind})`));
  return {
    features: fitted.featureNames.map((name) => {
      return g.op('Cast', [num(name, 'The feature list').t], { to: { i: DT.FLOAT } });
    }),
  };

  function applyStep(step: FittedStep, where: string) {
    switch (step.kind) {
      case 'drop':
        for (const name of step.columns) cols.delete(name);
        return;
      case 'impute':
        for (const c of step.columns) impute(c, where);
        return;
      case 'scale':
        for (const c of step.columns) {
          const s = num(c.name, where);
          setNum(c.name, g.op('Div', [g.op('Sub', [s.t, d(c.center)]), d(c.scale)]));
        }
        return;
      case 'power':
        for (const c of step.columns) {
          const s = num(c.name, where);
          const y = 'shift' in c ? logShift(s.t, c.shift) : yeoJohnson(s.t, c.lambda);
          setNum(c.name, keepNaN(s.t, y));
        }
        return;
      case 'clip':
        for (const c of step.columns) {
          const s = num(c.name, where);
          let y = s.t;
          // Infinite bounds arrive as null from JSON.
          if (c.lower !== null && Number.isFinite(c.lower)) y = g.op('Max', [y, d(c.lower)]);
          if (c.upper !== null && Number.isFinite(c.upper)) y = g.op('Min', [y, d(c.upper)]);
          setNum(c.name, y === s.t ? y : keepNaN(s.t, y));
        }
        return;
      case 'encode':
        for (const c of step.columns) encode(step.method, c, where);
        return;
      case 'datetime':
        for (const name of step.columns) datetime(name, step.parts, step.cyclic, where);
        return;
      case 'derive':
        throw new DeployError(`${where}: derived column '${step.name}' cannot be expressed in ONNX; drop the step or compute it in the data before training.`, { column: step.name });
      case 'text':
        throw new DeployError(`${where}: the text step cannot be expressed in ONNX (no tokeniser that splits words as the studio does); score with scorer.mjs.`, { column: step.columns[0]?.name });
    }
  }

  function impute(c: { name: string; fill: number | string; indicator: boolean }, where: string) {
    const s = cols.get(c.name);
    if (s?.kind === 'str') {
      const missing = g.op('LabelEncoder', [s.t], { keys_strings: { strings: [''] }, values_int64s: { ints: [s.fill === null ? 1 : 0] }, default_int64: { i: 0 } }, ML);
      if (c.indicator) setNum(`${c.name}_missing`, g.op('Cast', [missing], { to: { i: DT.DOUBLE } }));
      cols.set(c.name, { ...s, fill: s.fill ?? String(c.fill) });
      return;
    }
    const n = num(c.name, where);
    const isNan = g.op('IsNaN', [n.t]);
    setNum(c.name, g.op('Where', [isNan, d(Number(c.fill)), n.t]));
    if (c.indicator) setNum(`${c.name}_missing`, g.op('Cast', [isNan], { to: { i: DT.DOUBLE } }));
  }

  function logShift(x: string, shift: number) {
    return g.op('Log', [g.op('Add', [g.op('Max', [g.op('Add', [x, d(shift)]), d(0)]), d(1)])]);
  }

  function yeoJohnson(x: string, lambda: number) {
    const pos = g.op('Add', [g.op('Max', [x, d(0)]), d(1)]);
    const neg = g.op('Sub', [d(1), g.op('Min', [x, d(0)])]);
    const posY = Math.abs(lambda) < 1e-12 ? g.op('Log', [pos]) : g.op('Div', [g.op('Sub', [g.op('Pow', [pos, d(lambda)]), d(1)]), d(lambda)]);
    const negY =
      Math.abs(lambda - 2) < 1e-12
        ? g.op('Neg', [g.op('Log', [neg])])
        : g.op('Neg', [g.op('Div', [g.op('Sub', [g.op('Pow', [neg, d(2 - lambda)]), d(1)]), d(2 - lambda)])]);
    return g.op('Where', [g.op('GreaterOrEqual', [x, d(0)]), posY, negY]);
  }

  function encode(method: 'onehot' | 'ordinal' | 'embedding', c: { name: string; vocabulary: string[]; other: boolean }, where: string) {
    const s = str(c.name, where);
    const n = c.vocabulary.length;
    const unseen = method === 'onehot' ? (c.other ? n : -1) : method === 'ordinal' ? -1 : 0;
    const missing = method === 'embedding' ? 0 : -1;
    const codeOf = (i: number) => (method === 'embedding' ? i + 1 : i);
    const keys = [...c.vocabulary];
    const values = c.vocabulary.map((_, i) => codeOf(i));
    if (!keys.includes('')) {
      keys.push('');
      const at = s.fill === null ? -1 : c.vocabulary.indexOf(s.fill);
      values.push(s.fill === null ? missing : at >= 0 ? codeOf(at) : unseen);
    }
    const codes = g.op('LabelEncoder', [s.t], { keys_strings: { strings: keys }, values_int64s: { ints: values }, default_int64: { i: unseen } }, ML);
    cols.delete(c.name);
    if (method !== 'onehot') {
      setNum(c.name, g.op('Cast', [codes], { to: { i: DT.DOUBLE } }));
      return;
    }
    const names = [...c.vocabulary.map((v) => `${c.name}=${v}`), ...(c.other ? [`${c.name}=${OTHER}`] : [])];
    names.forEach((name, j) => setNum(name, g.op('Cast', [g.op('Equal', [codes, g.int64s([j])])], { to: { i: DT.DOUBLE } })));
  }

  function datetime(name: string, parts: string[], cyclic: boolean, where: string) {
    const s = num(name, where);
    const ms = s.t;
    const floorDiv = (a: string, b: number) => g.op('Floor', [g.op('Div', [a, d(b)])]);
    const days = floorDiv(ms, 86_400_000);
    const hour = floorDiv(g.op('Sub', [ms, g.op('Mul', [days, d(86_400_000)])]), 3_600_000);
    const days4 = g.op('Add', [days, d(4)]);
    const weekday = g.op('Sub', [days4, g.op('Mul', [floorDiv(days4, 7), d(7)])]);
    // Civil date from days since 1970 (H. Hinnant's days_from_civil inverse), exact in doubles.
    const z = g.op('Add', [days, d(719_468)]);
    const era = floorDiv(z, 146_097);
    const doe = g.op('Sub', [z, g.op('Mul', [era, d(146_097)])]);
    const yoeNum = g.op('Sub', [g.op('Add', [g.op('Sub', [doe, floorDiv(doe, 1460)]), floorDiv(doe, 36_524)]), floorDiv(doe, 146_096)]);
    const yoe = floorDiv(yoeNum, 365);
    const doy = g.op('Sub', [doe, g.op('Sub', [g.op('Add', [g.op('Mul', [yoe, d(365)]), floorDiv(yoe, 4)]), floorDiv(yoe, 100)])]);
    const mp = floorDiv(g.op('Add', [g.op('Mul', [doy, d(5)]), d(2)]), 153);
    const day = g.op('Add', [g.op('Sub', [doy, floorDiv(g.op('Add', [g.op('Mul', [mp, d(153)]), d(2)]), 5)]), d(1)]);
    const late = g.op('Cast', [g.op('Greater', [mp, d(9.5)])], { to: { i: DT.DOUBLE } });
    const month = g.op('Sub', [g.op('Add', [mp, d(3)]), g.op('Mul', [late, d(12)])]);
    const early = g.op('Cast', [g.op('Less', [month, d(2.5)])], { to: { i: DT.DOUBLE } });
    const year = g.op('Add', [g.op('Add', [yoe, g.op('Mul', [era, d(400)])]), early]);
    const values: Record<string, string> = { year, month, day, weekday, hour };
    cols.delete(name);
    for (const p of parts) {
      const v = values[p];
      const period = PERIOD[p];
      if (!cyclic || !period) {
        setNum(`${name}_${p}`, v);
        continue;
      }
      // (2π·v)/period in this order, as the studio computes it.
      const angle = g.op('Div', [g.op('Mul', [v, d(2 * Math.PI)]), d(period)]);
      setNum(`${name}_${p}_sin`, g.op('Sin', [angle]));
      setNum(`${name}_${p}_cos`, g.op('Cos', [angle]));
    }
  }
}
