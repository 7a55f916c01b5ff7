import type { DriftColumn } from '../deploy';
import type { psiKernel } from '../stats';
import type { NumberRows } from './numberSplit';

export interface ServeMetrics {
  /** One finished request: its route label, status and seconds taken. */
  request(route: string, status: number, seconds: number): void;
  /** One micro-batch handed to the scorer. */
  batch(rows: number): void;
  /** Rows answered (scored or refused in place). */
  rows(n: number): void;
  /** A request or row refused for not matching the input schema. */
  violation(): void;
  inFlight(delta: number): void;
  /** A/B: one answer of `variant` (shadow when scored silently). */
  variant(name: string, shadow: boolean): void;
  /** Rows that reached the scorer, for the drift window. */
  observe(rows: readonly Record<string, unknown>[]): void;
  /** The same for rows sent as cell lists in `columns` order (the same array for the same columns, as the row reader keeps it). */
  observeCells(columns: readonly string[], cells: readonly unknown[][]): void;
  /** The same for rows read as numbers (NaN for null). */
  observeNumbers(columns: readonly string[], numbers: NumberRows): void;
  /** Prometheus text exposition format 0.0.4. */
  render(): string;
}

/**
 * Counters, histograms and the drift of the last `window` rows against the training profile (PSI,
 * with the studio's own binning from `psiKernel`). Shipped in serve.mjs with
 * `Function.prototype.toString()`: reads only its arguments and built-ins.
 */
export function serveMetrics(drift: { columns: DriftColumn[] } | null, window: number, kernel: ReturnType<typeof psiKernel>): ServeMetrics {
  const LATENCY = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
  const BATCH = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384, 65536];
  const requests = new Map<string, number>();
  const variants = new Map<string, number>();
  const histogram = (bounds: number[]) => ({ bounds, counts: new Array<number>(bounds.length).fill(0), sum: 0, count: 0 });
  const latency = histogram(LATENCY);
  const batches = histogram(BATCH);
  let rowsScored = 0;
  let violations = 0;
  let inFlight = 0;

  // Datetime columns are left out: reading their text needs the scorer's date reader.
  const tracked = (drift ? drift.columns : [])
    .filter((c) => c.numeric || c.boolean || c.categorical)
    .map((c) => {
      const labels = c.numeric
        ? c.numeric.histogram.counts.map((_, i) => String(i))
        : c.boolean
          ? ['true', 'false']
          : [...c.categorical!.top.map((t) => t.value), '(other)'];
      const expected = c.numeric
        ? [...c.numeric.histogram.counts, c.missing]
        : c.boolean
          ? [c.boolean.true, c.boolean.false, c.missing]
          : [...c.categorical!.top.map((t) => t.count), c.categorical!.other, c.missing];
      const top = c.categorical ? new Map(c.categorical.top.map((t, i) => [t.value, i])) : null;
      return { profile: c, labels: [...labels, 'missing'], expected, top, ring: new Int32Array(window), filled: 0, next: 0 };
    });

  function binOf(t: (typeof tracked)[number], v: unknown): number {
    const missing = t.labels.length - 1;
    if (v === null || v === undefined || v === '') return missing;
    const p = t.profile;
    if (p.numeric) {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : NaN;
      return n === n && p.numeric.histogram.counts.length ? kernel.binOf(p.numeric.histogram.edges, n) : missing;
    }
    if (p.boolean) {
      const s = String(v).toLowerCase();
      return s === 'true' || s === '1' || s === 'yes' || s === 't' || s === 'y' ? 0 : s === 'false' || s === '0' || s === 'no' || s === 'f' || s === 'n' ? 1 : missing;
    }
    const at = t.top!.get(String(v));
    return at === undefined ? t.labels.length - 2 : at;
  }
  function record(t: (typeof tracked)[number], bin: number): void {
    t.ring[t.next] = bin;
    t.next = (t.next + 1) % window;
    if (t.filled < window) t.filled++;
  }
  // A large request adds an even sample of its rows, so drift costs little per request.
  function observe(batch: readonly Record<string, unknown>[]): void {
    const step = Math.max(1, Math.floor(batch.length / 64));
    for (const t of tracked) for (let r = 0; r < batch.length; r += step) record(t, binOf(t, batch[r][t.profile.name]));
  }
  let lastColumns: readonly string[] | null = null;
  let lastAt: number[] = [];
  /** Rows given by position: `cell(r, j)` is row r's cell of column j; the same rows are sampled whatever holds them. */
  function observeAt(columns: readonly string[], n: number, cell: (r: number, j: number) => unknown): void {
    if (columns !== lastColumns) {
      lastAt = tracked.map((t) => columns.indexOf(t.profile.name));
      lastColumns = columns;
    }
    const step = Math.max(1, Math.floor(n / 64));
    for (let k = 0; k < tracked.length; k++) {
      const j = lastAt[k];
      for (let r = 0; r < n; r += step) record(tracked[k], binOf(tracked[k], j < 0 ? undefined : cell(r, j)));
    }
  }
  const observeCells = (columns: readonly string[], cells: readonly unknown[][]) => observeAt(columns, cells.length, (r, j) => cells[r][j]);
  const observeNumbers = (columns: readonly string[], { values, n }: NumberRows) =>
    observeAt(columns, n, (r, j) => {
      const v = values[r * columns.length + j];
      return v !== v ? null : v;
    });
  function observeIn(h: ReturnType<typeof histogram>, v: number): void {
    h.sum += v;
    h.count++;
    for (let i = 0; i < h.bounds.length; i++) if (v <= h.bounds[i]) h.counts[i]++;
  }
  const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

  function render(): string {
    const out: string[] = [];
    const head = (name: string, type: string, help: string) => out.push('# HELP ' + name + ' ' + help, '# TYPE ' + name + ' ' + type);
    const hist = (name: string, h: ReturnType<typeof histogram>, help: string) => {
      head(name, 'histogram', help);
      for (let i = 0; i < h.bounds.length; i++) out.push(name + '_bucket{le="' + h.bounds[i] + '"} ' + h.counts[i]);
      out.push(name + '_bucket{le="+Inf"} ' + h.count, name + '_sum ' + h.sum, name + '_count ' + h.count);
    };
    head('modelbench_requests_total', 'counter', 'Requests answered, by route and HTTP status.');
    for (const [key, n] of requests) {
      const [route, status] = key.split('\u0000');
      out.push('modelbench_requests_total{route="' + label(route) + '",status="' + status + '"} ' + n);
    }
    hist('modelbench_request_duration_seconds', latency, 'Time from the request arriving to the answer being written.');
    hist('modelbench_batch_rows', batches, 'Rows per micro-batch handed to the scorer.');
    head('modelbench_rows_scored_total', 'counter', 'Rows answered by the model.');
    out.push('modelbench_rows_scored_total ' + rowsScored);
    head('modelbench_schema_violations_total', 'counter', 'Requests or rows refused for not matching the input schema.');
    out.push('modelbench_schema_violations_total ' + violations);
    head('modelbench_in_flight_requests', 'gauge', 'Requests being answered now.');
    out.push('modelbench_in_flight_requests ' + inFlight);
    if (variants.size) {
      head('modelbench_variant_answers_total', 'counter', 'A/B answers by variant; shadow="true" for challengers scored silently.');
      for (const [key, n] of variants) {
        const [name, shadow] = key.split('\u0000');
        out.push('modelbench_variant_answers_total{variant="' + label(name) + '",shadow="' + shadow + '"} ' + n);
      }
    }
    if (tracked.length) {
      head('modelbench_drift_window_rows', 'gauge', 'Recent rows the drift figures are computed over (at most 64 sampled evenly from each request).');
      out.push('modelbench_drift_window_rows ' + (tracked[0].filled));
      head('modelbench_drift_psi', 'gauge', 'Population stability index of recent rows against the training profile (< 0.1 stable, >= 0.25 major).');
      for (const t of tracked) {
        if (t.filled === 0) continue;
        const actual = new Array<number>(t.labels.length).fill(0);
        for (let i = 0; i < t.filled; i++) actual[t.ring[i]]++;
        const r = kernel.result(t.profile.name, t.labels, t.expected, actual);
        out.push('modelbench_drift_psi{column="' + label(t.profile.name) + '",band="' + r.band + '"} ' + r.psi);
      }
    }
    return out.join('\n') + '\n';
  }

  return {
    request(route, status, seconds) {
      const key = route + '\u0000' + status;
      requests.set(key, (requests.get(key) || 0) + 1);
      observeIn(latency, seconds);
    },
    batch: (n) => observeIn(batches, n),
    rows(n) {
      rowsScored += n;
    },
    violation() {
      violations++;
    },
    inFlight(delta) {
      inFlight += delta;
    },
    variant(name, shadow) {
      const key = name + '\u0000' + shadow;
      variants.set(key, (variants.get(key) || 0) + 1);
    },
    observe,
    observeCells,
    observeNumbers,
    render,
  };
}
