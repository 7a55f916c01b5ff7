/**
 * The fitted recipe compiled for one row at a time, as scorer.mjs runs it: each step becomes a
 * closure over two scratch arrays (numbers and strings), so scoring a row allocates nothing.
 * Shipped with `Function.prototype.toString()`, so it is self-contained: it reads only its
 * arguments and built-ins. The datetime step's parts come from civil-from-days on UTC epoch ms,
 * the values training's step takes from `Date`'s UTC getters (tests/unit/core/deploy/datetimeParts).
 */
import type { FittedStep, InputColumn } from '../recipe';
import type { TextKernel } from '../text';
import type { CellColumn, CellReader } from './coerceCell';

/** An input column with the scratch slot its cell goes to. */
interface SlotColumn extends CellColumn {
  slot: number;
}

interface CompiledTransform {
  inputs: SlotColumn[];
  /** Numeric scratch (NaN = missing) and string scratch (null = missing), filled from a row's cells. */
  NUM: Float64Array;
  STR: (string | null)[];
  /** Runs every step on the scratch arrays. */
  run(): void;
  /** The NUM slot of each model feature, in featureNames order. */
  features: Int32Array;
}

/** `text` is the text step's tokeniser (`textKernel()`, shipped beside this function); only a recipe with a text step needs it. */
export function compileTransform(inputs: InputColumn[], steps: FittedStep[], featureNames: string[], cells: CellReader, text?: TextKernel): CompiledTransform {
  const PERIOD: Record<string, number> = { month: 12, weekday: 7, hour: 24 };
  const PART_INDEX: Record<string, number> = { year: 0, month: 1, day: 2, weekday: 3, hour: 4 };
  const numIndex = new Map<string, number>();
  const strIndex = new Map<string, number>();
  const ops: (() => void)[] = [];
  let nNum = 0;
  let nStr = 0;
  // Allocated once every slot is known; the step closures read them through these bindings.
  let NUM = new Float64Array(0);
  let STR: (string | null)[] = [];
  /** Civil date parts of epoch ms (UTC) into DT: year, month 1-12, day, weekday 0=Sunday, hour. */
  const DT = new Float64Array(5);

  function setNum(name: string): number {
    strIndex.delete(name);
    numIndex.set(name, nNum);
    return nNum++;
  }
  function setStr(name: string): number {
    numIndex.delete(name);
    strIndex.set(name, nStr);
    return nStr++;
  }
  function slotOf(index: Map<string, number>, name: string, kind: string): number {
    const s = index.get(name);
    if (s === undefined) throw new Error("preprocess: step '" + kind + "' needs column '" + name + "', which is not there at that point; the bundle is damaged, export it again.");
    return s;
  }
  function civil(ms: number): void {
    if (!isFinite(ms)) {
      DT.fill(NaN);
      return;
    }
    const days = Math.floor(ms / 86400000);
    DT[4] = Math.floor((ms - days * 86400000) / 3600000);
    DT[3] = days + 4 - 7 * Math.floor((days + 4) / 7);
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const m = mp < 10 ? mp + 3 : mp - 9;
    DT[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
    DT[1] = m;
    DT[2] = doy - Math.floor((153 * mp + 2) / 5) + 1;
  }
  function yeoJohnson(x: number, lambda: number): number {
    if (x >= 0) return Math.abs(lambda) < 1e-12 ? Math.log1p(x) : (Math.pow(x + 1, lambda) - 1) / lambda;
    return Math.abs(lambda - 2) < 1e-12 ? -Math.log1p(-x) : -(Math.pow(1 - x, 2 - lambda) - 1) / (2 - lambda);
  }

  /**
   * The columns of one numeric step with number parameters, gathered for one op: `add` takes a
   * column (false when a parameter is not a number: that column keeps a closure, which touches
   * another slot, so the order between the two does not matter), `run` pushes the op over those
   * gathered, in the step's column order.
   */
  function group(n: number) {
    const slots: number[] = [];
    const A = new Float64Array(n);
    const B = new Float64Array(n);
    return {
      add(s: number, a: number, b: number): boolean {
        if (typeof a !== 'number' || typeof b !== 'number') return false;
        A[slots.length] = a;
        B[slots.length] = b;
        slots.push(s);
        return true;
      },
      run(op: (S: Int32Array, A: Float64Array, B: Float64Array) => void): void {
        if (!slots.length) return;
        const S = Int32Array.from(slots);
        const a = A.slice(0, S.length);
        const b = B.slice(0, S.length);
        ops.push(() => op(S, a, b));
      },
    };
  }
  let numImpute: number[] = [];
  let numFill: number[] = [];
  function compileImpute(c: { name: string; fill: number | string; indicator: boolean }): void {
    let m = -1;
    const ss = strIndex.get(c.name);
    if (ss !== undefined) {
      const sfill = String(c.fill);
      if (c.indicator) m = setNum(c.name + '_missing');
      ops.push(() => {
        const miss = STR[ss] === null;
        if (miss) STR[ss] = sfill;
        if (m >= 0) NUM[m] = miss ? 1 : 0;
      });
      return;
    }
    const s = slotOf(numIndex, c.name, 'impute');
    const fill = Number(c.fill);
    if (c.indicator) m = setNum(c.name + '_missing');
    numImpute.push(s, m);
    numFill.push(fill);
  }
  function compileEncode(method: string, c: { name: string; vocabulary: string[]; other: boolean }): void {
    const s = slotOf(strIndex, c.name, 'encode');
    const index = new Map(c.vocabulary.map((v, i) => [v, i]));
    if (method === 'onehot') {
      const names = c.vocabulary.map((v) => c.name + '=' + v);
      if (c.other) names.push(c.name + '=(other)');
      strIndex.delete(c.name);
      const slots = Int32Array.from(names.map(setNum));
      const k = c.vocabulary.length;
      const other = !!c.other;
      ops.push(() => {
        for (let j = 0; j < slots.length; j++) NUM[slots[j]] = 0;
        const v = STR[s];
        if (v === null) return;
        let at = index.get(v);
        if (at === undefined) at = other ? k : -1;
        if (at >= 0) NUM[slots[at]] = 1;
      });
      return;
    }
    const embedding = method === 'embedding';
    const t = setNum(c.name);
    ops.push(() => {
      const v = STR[s];
      const at = v === null ? undefined : index.get(v);
      NUM[t] = embedding ? (at === undefined ? 0 : at + 1) : at === undefined ? -1 : at;
    });
  }
  function compileDatetime(step: { parts: string[]; cyclic: boolean }, name: string): void {
    const s = slotOf(numIndex, name, 'datetime');
    numIndex.delete(name);
    const outs: number[] = [];
    for (const p of step.parts) {
      const period = PERIOD[p];
      if (step.cyclic && period) outs.push(PART_INDEX[p], period, setNum(name + '_' + p + '_sin'), setNum(name + '_' + p + '_cos'));
      else outs.push(PART_INDEX[p], 0, setNum(name + '_' + p), -1);
    }
    ops.push(() => {
      civil(NUM[s]);
      for (let i = 0; i < outs.length; i += 4) {
        const v = DT[outs[i]];
        if (outs[i + 1] === 0) NUM[outs[i + 2]] = v;
        else {
          const angle = (2 * Math.PI * v) / outs[i + 1];
          NUM[outs[i + 2]] = Math.sin(angle);
          NUM[outs[i + 3]] = Math.cos(angle);
        }
      }
    });
  }
  function compileText(step: Extract<FittedStep, { kind: 'text' }>, c: { name: string; vocabulary: string[]; idf: number[]; buckets: number }): void {
    const kernel = text;
    if (!kernel) throw new Error("preprocess: step 'text' needs the text tokeniser, which this scorer lacks; export the bundle again.");
    const s = slotOf(strIndex, c.name, 'text');
    strIndex.delete(c.name);
    const hashing = step.method === 'hashing';
    const names = hashing ? Array.from({ length: c.buckets }, (_, k) => c.name + '#' + k) : c.vocabulary.map((t) => c.name + ':' + t);
    const slots = Int32Array.from(names.map(setNum));
    const index = hashing ? null : new Map(c.vocabulary.map((t, j) => [t, j]));
    const idf = hashing ? new Float64Array(slots.length).fill(1) : Float64Array.from(c.idf);
    const stop = new Set(step.options.stopWords);
    const options = step.options;
    // A missing text scores as an empty one (all zeros), as in training.
    ops.push(() => kernel.vectorize(STR[s] ?? '', options, stop, index, idf, NUM, slots));
  }
  function compileStep(step: FittedStep): void {
    if (step.kind === 'drop') {
      for (const n of step.columns) {
        numIndex.delete(n);
        strIndex.delete(n);
      }
    } else if (step.kind === 'impute') {
      // The numeric columns of the step run as one loop (no closure per column per row); they touch other slots than the string ones.
      numImpute = [];
      numFill = [];
      step.columns.forEach(compileImpute);
      const S = Int32Array.from(numImpute);
      const F = Float64Array.from(numFill);
      if (F.length)
        ops.push(() => {
          for (let k = 0; k < F.length; k++) {
            const s = S[2 * k];
            const miss = NUM[s] !== NUM[s];
            if (miss) NUM[s] = F[k];
            if (S[2 * k + 1] >= 0) NUM[S[2 * k + 1]] = miss ? 1 : 0;
          }
        });
    }
    else if (step.kind === 'encode') for (const c of step.columns) compileEncode(step.method, c);
    else if (step.kind === 'datetime') for (const n of step.columns) compileDatetime(step, n);
    else if (step.kind === 'text') for (const c of step.columns) compileText(step, c);
    // Each numeric step below runs its columns in one loop over typed arrays of slots and parameters
    // (no closure per column per row); a parameter that is not a number (never written so) keeps a
    // closure of its own, so every answer is the arithmetic the step always did.
    else if (step.kind === 'scale') {
      const g = group(step.columns.length);
      for (const c of step.columns) {
        const s = slotOf(numIndex, c.name, 'scale');
        const center = c.center;
        const scale = c.scale;
        if (!g.add(s, center, scale)) ops.push(() => (NUM[s] = (NUM[s] - center) / scale));
      }
      g.run((S, A, B) => {
        for (let k = 0; k < S.length; k++) NUM[S[k]] = (NUM[S[k]] - A[k]) / B[k];
      });
    } else if (step.kind === 'power' && step.method === 'log') {
      const g = group(step.columns.length);
      for (const c of step.columns) {
        const s = slotOf(numIndex, c.name, 'power');
        const shift = c.shift;
        if (!g.add(s, shift, 0)) ops.push(() => (NUM[s] = Math.log1p(Math.max(0, NUM[s] + shift))));
      }
      g.run((S, A) => {
        for (let k = 0; k < S.length; k++) NUM[S[k]] = Math.log1p(Math.max(0, NUM[S[k]] + A[k]));
      });
    } else if (step.kind === 'power') {
      const g = group(step.columns.length);
      for (const c of step.columns) {
        const s = slotOf(numIndex, c.name, 'power');
        const lambda = c.lambda;
        if (!g.add(s, lambda, 0)) ops.push(() => (NUM[s] = yeoJohnson(NUM[s], lambda)));
      }
      g.run((S, A) => {
        for (let k = 0; k < S.length; k++) NUM[S[k]] = yeoJohnson(NUM[S[k]], A[k]);
      });
    } else if (step.kind === 'clip') {
      const g = group(step.columns.length);
      for (const c of step.columns) {
        const s = slotOf(numIndex, c.name, 'clip');
        // JSON has no infinities: an unbounded side arrives as null.
        const lower = (c.lower as number | null) === null ? -Infinity : c.lower;
        const upper = (c.upper as number | null) === null ? Infinity : c.upper;
        if (!g.add(s, lower, upper)) ops.push(() => (NUM[s] = Math.min(upper, Math.max(lower, NUM[s]))));
      }
      g.run((S, A, B) => {
        for (let k = 0; k < S.length; k++) NUM[S[k]] = Math.min(B[k], Math.max(A[k], NUM[S[k]]));
      });
    } else throw new Error("preprocess: step '" + step.kind + "' cannot run in scorer.mjs.");
  }

  const slotted = inputs.map((c) => {
    const column = cells.column(c);
    return { ...column, slot: column.text ? setStr(c.name) : setNum(c.name) };
  });
  steps.forEach(compileStep);
  NUM = new Float64Array(nNum);
  STR = new Array<string | null>(nStr).fill(null);
  const features = Int32Array.from(featureNames.map((n) => slotOf(numIndex, n, 'features')));
  const run = () => {
    for (let i = 0; i < ops.length; i++) ops[i]();
  };
  return { inputs: slotted, NUM, STR, run, features };
}
