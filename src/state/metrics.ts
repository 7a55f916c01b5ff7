/**
 * Figures the studio records about itself, read by the benchmarks and E2E tests from
 * `window.__mbMetrics`. Nothing here leaves the page.
 */
export interface LoadMetric {
  file: string;
  bytes: number;
  rows: number;
  parseMs: number;
  totalMs: number;
}
export interface ProfileMetric {
  file: string;
  totalMs: number;
  parseMs: number;
  profileMs: number;
}

interface Metrics {
  loads: LoadMetric[];
  profiles: ProfileMetric[];
}

declare global {
  interface Window {
    __mbMetrics?: Metrics;
  }
}

function metrics(): Metrics {
  return (window.__mbMetrics ??= { loads: [], profiles: [] });
}

export const recordLoad = (m: LoadMetric) => void metrics().loads.push(m);
export const recordProfile = (m: ProfileMetric) => void metrics().profiles.push(m);
