import { hashNumber, hashString } from './hash';

/**
 * HyperLogLog distinct counter with 2^p registers (default p=14: 16 KiB, standard error
 * 1.04/√16384 ≈ 0.8%). Index bits and rank bits come from two independently seeded
 * 32-bit hashes, so the rank never saturates below ~10^13 distinct values.
 */
export interface HyperLogLog {
  addNumber(v: number): void;
  addString(s: string): void;
  /** Adds a precomputed pair of independent 32-bit hashes. */
  addHashes(h1: number, h2: number): void;
  merge(other: HyperLogLog): void;
  estimate(): number;
  readonly registers: Uint8Array;
}

export function createHyperLogLog(p = 14): HyperLogLog {
  const m = 1 << p;
  const registers = new Uint8Array(m);
  const shift = 32 - p;
  const addHashes = (h1: number, h2: number) => {
    const idx = h1 >>> shift;
    const rho = Math.clz32(h2) + 1;
    if (rho > registers[idx]) registers[idx] = rho;
  };
  return {
    registers,
    addHashes,
    addNumber: (v) => addHashes(hashNumber(v, 0x9747b28c), hashNumber(v, 0x5bd1e995)),
    addString: (s) => addHashes(hashString(s, 0x9747b28c), hashString(s, 0x5bd1e995)),
    merge(other) {
      for (let i = 0; i < m; i++) if (other.registers[i] > registers[i]) registers[i] = other.registers[i];
    },
    estimate() {
      let sum = 0;
      let zeros = 0;
      for (let i = 0; i < m; i++) {
        sum += Math.pow(2, -registers[i]);
        if (registers[i] === 0) zeros++;
      }
      const alpha = 0.7213 / (1 + 1.079 / m);
      const raw = (alpha * m * m) / sum;
      // Linear counting is the better estimator while many registers are still empty.
      if (raw <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros);
      return raw;
    },
  };
}
