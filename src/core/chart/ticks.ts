import { nice, tickIncrement, ticks as d3ticks } from 'd3-array';

/** Round ticks of one axis and the domain widened to them. */
export interface Ticks {
  /** Tick values: 1, 2 or 5 × a power of ten apart. */
  ticks: number[];
  /** The domain rounded out to the first and last tick, so the axis starts and ends on a tick. */
  domain: [number, number];
  /** Distance between ticks, for `tickFormat`. */
  step: number;
}

/** Options of `niceTicks`. */
export interface TickOptions {
  /** Only whole-number ticks (epochs, counts, years): a step of at least 1. Default false. */
  integer?: boolean;
}

/**
 * About `count` round ticks covering [lo, hi] (d3-array's 1-2-5 steps), with the domain rounded out
 * to them. A flat domain is widened around its value; an `integer` axis never gets fractional ticks,
 * so epochs read 10, 20, 30 and not 11.75, 22.5, 33.25.
 */
export function niceTicks(lo: number, hi: number, count = 5, options: TickOptions = {}): Ticks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { ticks: [0, 1], domain: [0, 1], step: 1 };
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) {
    const pad = options.integer ? 1 : lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  let [a, b] = nice(lo, hi, count);
  let inc = tickIncrement(a, b, count);
  // A negative increment means the step is 1/|inc|: fractional, so integer axes step by 1 instead.
  if (options.integer && inc < 1) {
    [a, b] = [Math.floor(lo), Math.ceil(hi)];
    inc = 1;
  }
  const step = inc > 0 ? inc : 1 / -inc;
  const ticks = inc === 1 && options.integer ? range(a, b) : d3ticks(a, b, count);
  return { ticks, domain: [ticks[0] ?? a, ticks[ticks.length - 1] ?? b], step };
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** Whether every finite value is a whole number, so its axis should take `integer` ticks. */
export function isIntegerValued(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && !Number.isInteger(values[i])) return false;
  return true;
}
