/**
 * A seeded pseudo-random generator (mulberry32): fast, 32-bit state, and identical on every
 * platform, so splits, bootstraps and initialisations reproduce from a seed.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

/** An `Rng` whose position can be saved and restored (training checkpoints resume mid-sequence). */
export interface StatefulRng extends Rng {
  /** The 32-bit state; `setState` of this value replays the same numbers from here on. */
  getState(): number;
  setState(state: number): void;
}

export function createRng(seed: number): StatefulRng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    getState: () => state,
    setState: (s) => {
      state = s >>> 0;
    },
  };
}

/** In-place Fisher–Yates shuffle driven by `rng`. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(a: T, rng: Rng): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}
