import type { RowPrediction } from '../deploy';
import type { inferenceV2 } from './inferenceV2';
import type { NumberRows } from './numberSplit';
import type { RowReader, ReadRows } from './requestRows';
import type { ServeMetrics } from './serveMetrics';
import type { Reply, ServedModel, ServeOptions } from './types';

/** A request as the router sees it: lower-case header names, the path without its query, the whole body. */
export interface RouteRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body's bytes, where the transport has them (a body of numbers is read from them without the text). */
  bytes?: Uint8Array;
}

/** Scores checked rows; `unitIds` (A/B) holds each row's unit id, or null when none was given. */
export type ScoreRows = (rows: Record<string, unknown>[], unitIds: (string | null)[]) => Promise<{ predictions: RowPrediction[]; variants?: string[] }>;

export interface RouteDeps {
  model: ServedModel;
  options: ServeOptions;
  metrics: ServeMetrics;
  reader: RowReader;
  v2: ReturnType<typeof inferenceV2>;
  openApi: Record<string, unknown>;
  score: ScoreRows;
  /**
   * Scores rows given as cell lists in `columns` order, without row objects (the bundle scorer's
   * predictColumns, micro-batched per column list); used for every tabular body whose columns pass.
   * `columns` is the reader's array for that column list, the same from request to request. null
   * (A/B, or a scorer without it) scores row objects.
   */
  scoreColumns: ((columns: readonly string[], cells: unknown[][]) => Promise<RowPrediction[]>) | null;
  /** Scores a body read as numbers (scorer.mjs's predictNumbers); null where the scorer lacks it (A/B, older bundles). */
  scoreNumbers: ((columns: readonly string[], numbers: NumberRows) => RowPrediction[]) | null;
  /** A/B only: POST /admin/weights, given the checked-token request body. */
  admin: ((body: string) => Reply) | null;
  serverVersion: string;
}

export interface Routes {
  /** Answers one request; never throws for anything a client sends. */
  handle(req: RouteRequest): Promise<Reply>;
  /** The route label a request is counted under on /metrics. */
  routeOf(path: string): string;
  /** Called once the warm-up prediction succeeded: /health and /v2/health/ready answer 200 from then on. */
  markReady(): void;
}

/**
 * Every route of the scoring server, over injected parts (the row reader, the metrics, the scorer
 * or A/B router). Shipped in serve.mjs with `Function.prototype.toString()`: reads only its
 * arguments and built-ins.
 */
export function serveRoutes(d: RouteDeps): Routes {
  const { model, options, metrics, reader, v2 } = d;
  const v2Model = '/v2/models/' + encodeURIComponent(model.name);
  let ready = false;
  const json = (status: number, value: unknown, rows?: number): Reply => {
    const reply: Reply = { status, body: JSON.stringify(value), contentType: 'application/json' };
    if (rows !== undefined) reply.rows = rows;
    return reply;
  };
  const fail = (status: number, code: string, message: string, extra: { row?: number; column?: string } = {}): Reply => json(status, { error_code: code, message, ...extra });
  const refused = (r: Extract<ReadRows, { ok: false }>): Reply => {
    metrics.violation();
    return fail(r.status, r.code, r.message, { ...(r.row !== undefined ? { row: r.row } : {}), ...(r.column !== undefined ? { column: r.column } : {}) });
  };
  const header = (req: RouteRequest, name: string): string => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v || '';
  };
  const unitOf = (req: RouteRequest, row: Record<string, unknown>): string | null => {
    if (options.unitField !== null) {
      const v = row[options.unitField];
      return v === null || v === undefined ? null : String(v);
    }
    const h = header(req, options.unitHeader);
    return h === '' ? null : h;
  };

  /** A tabular body whose columns pass: its cell lists and a per-row check by position; else null. */
  function columnsOf(read: Extract<ReadRows, { ok: true }>) {
    const { columns, cells } = read;
    if (!d.scoreColumns || !columns || !cells) return null;
    const frame = reader.cellsCheck(columns);
    return frame ? { columns: frame.columns, cells, check: frame.check } : null;
  }
  /** scoreRows for a body read as cell lists: no row object is built unless a row is refused. */
  async function scoreCells(frame: NonNullable<ReturnType<typeof columnsOf>>, answer: (p: RowPrediction[]) => unknown): Promise<Reply> {
    const { columns, cells, check } = frame;
    let problems: (string | null)[] | null = null;
    for (let i = 0; i < cells.length; i++) {
      const problem = check(cells[i], i);
      if (problem === null) continue;
      if (options.onError === 'request') return refused(problem);
      metrics.violation();
      if (problems === null) problems = new Array<string | null>(cells.length).fill(null);
      problems[i] = problem.message;
    }
    let good = cells;
    let at: number[] | null = null;
    if (problems !== null) {
      good = [];
      at = [];
      for (let i = 0; i < cells.length; i++) {
        if (problems[i] !== null) continue;
        good.push(cells[i]);
        at.push(i);
      }
    }
    const scored = good.length ? await d.scoreColumns!(columns, good) : [];
    metrics.observeCells(columns, good);
    return merge(cells.length, problems, at, scored, undefined, answer);
  }
  /** Checks, scores and answers rows; per the --on-error policy a bad row refuses the request or is answered in place. */
  async function scoreRows(req: RouteRequest, read: ReadRows, answer: (p: RowPrediction[], variants?: string[]) => unknown): Promise<Reply> {
    if (!read.ok) return refused(read);
    // A large body of numbers whose columns pass and need no per-row check: scored from its numbers,
    // alone (the batcher would score it alone too), with no cell lists built.
    const numbers = read.numbers;
    if (numbers && d.scoreNumbers && read.columns && numbers.n >= options.batchRows) {
      const frame = reader.cellsCheck(read.columns);
      if (frame && frame.open) {
        const scored = d.scoreNumbers(frame.columns, numbers);
        metrics.observeNumbers(frame.columns, numbers);
        return merge(numbers.n, null, null, scored, undefined, answer);
      }
    }
    const frame = columnsOf(read);
    if (frame) return scoreCells(frame, answer);
    const rows = read.rows;
    // A tabular body (split, CSV, columns, v2) gives every row the same keys: when the first row's
    // keys pass, the other rows' keys are not checked again.
    const keysChecked = !!read.columns && reader.check(rows[0], 0, false) === null;
    const problems: (string | null)[] = new Array(rows.length).fill(null);
    const good: Record<string, unknown>[] = [];
    const at: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const problem = reader.check(rows[i], i, keysChecked);
      if (problem === null) {
        good.push(rows[i]);
        at.push(i);
        continue;
      }
      if (options.onError === 'request') return refused(problem);
      metrics.violation();
      problems[i] = problem.message;
    }
    const units = good.map((r) => unitOf(req, r));
    if (options.unitField !== null) for (const r of good) delete r[options.unitField];
    const scored = good.length ? await d.score(good, units) : { predictions: [] as RowPrediction[] };
    metrics.observe(good);
    return merge(rows.length, problems, at, scored.predictions, scored.variants, answer);
  }
  /**
   * The answer: row `at[k]` gets prediction k, refused rows their problem (`problems` and `at` are
   * null when every row was scored, in order); a model error per the --on-error policy.
   */
  function merge(n: number, problems: (string | null)[] | null, at: number[] | null, scored: RowPrediction[], scoredVariants: string[] | undefined, answer: (p: RowPrediction[], variants?: string[]) => unknown): Reply {
    const predictions: RowPrediction[] = problems === null ? scored : problems.map((message) => ({ error: message || '' }));
    const variants: string[] | undefined = scoredVariants ? (problems === null ? scoredVariants : new Array<string>(n).fill('')) : undefined;
    for (let k = 0; k < scored.length; k++) {
      const p = scored[k];
      const row = at === null ? k : at[k];
      if ('error' in p) {
        metrics.violation();
        if (options.onError === 'request') {
          const column = /^Column '(.*?)'/.exec(p.error);
          return fail(400, 'INVALID_PARAMETER_VALUE', 'Row ' + row + ': ' + p.error, { row, ...(column ? { column: column[1] } : {}) });
        }
      }
      if (at === null) continue;
      predictions[row] = p;
      if (variants && scoredVariants) variants[row] = scoredVariants[k];
    }
    metrics.rows(n);
    if (answer === mlflow && !variants) return { status: 200, body: mlflowJson(predictions), contentType: 'application/json', rows: n };
    const reply = json(200, answer(predictions, variants), n);
    if (variants && variants.length) reply.variant = [...new Set(variants.filter((v) => v !== ''))].join(',');
    return reply;
  }
  /** MLflow's answer: a value per row for a regression, the label and class probabilities for a classifier. */
  function mlflow(predictions: RowPrediction[], variants?: string[]) {
    const out = predictions.map((p) => ('value' in p ? p.value : p));
    return variants ? { predictions: out, variants } : { predictions: out };
  }

  // MLflow's answer written as text, without JSON.stringify's walk over an object per row: each row
  // is checked to be the scorer's shape (its keys in order, numbers where numbers go), so the text
  // is JSON.stringify's to the byte; any other row is stringified as it stands.
  const CLASSES = model.classes || [];
  const LABELS = new Map(CLASSES.map((c) => [c, JSON.stringify(c)]));
  // The probabilities' keys in the order an object built class by class holds them (integer-like names first).
  const KEYS = Object.keys(Object.fromEntries(CLASSES.map((c) => [c, 0])));
  const KEY_JSON = KEYS.map((k, j) => (j ? ',' : '{') + JSON.stringify(k) + ':');
  const num = (v: number) => (v === v && v !== Infinity && v !== -Infinity ? '' + v : 'null');
  function classJson(p: Record<string, unknown>): string | null {
    let n = 0;
    for (const k in p) {
      if (n > 1 || k !== (n === 0 ? 'label' : 'probabilities')) return null;
      n++;
    }
    const label = p.label;
    const probabilities = p.probabilities as Record<string, unknown>;
    if (n !== 2 || typeof label !== 'string' || probabilities === null || typeof probabilities !== 'object' || Array.isArray(probabilities)) return null;
    let out = '{"label":' + (LABELS.get(label) ?? JSON.stringify(label)) + ',"probabilities":';
    let j = 0;
    for (const k in probabilities) {
      const v = probabilities[k];
      if (k !== KEYS[j] || typeof v !== 'number') return null;
      out += KEY_JSON[j++] + num(v);
    }
    return j === KEYS.length ? out + (j ? '}}' : '{}}') : null;
  }
  function mlflowJson(predictions: RowPrediction[]): string {
    let out = '{"predictions":[';
    for (let i = 0; i < predictions.length; i++) {
      const p = predictions[i];
      if (i) out += ',';
      if ('value' in p) out += typeof p.value === 'number' ? num(p.value) : JSON.stringify([p.value]).slice(1, -1);
      else out += ('label' in p && classJson(p)) || JSON.stringify([p]).slice(1, -1);
    }
    return out + ']}';
  }

  function routeOf(path: string): string {
    if (path === '/invocations' || path === '/ping' || path === '/health' || path === '/version' || path === '/metadata' || path === '/metrics' || path === '/openapi.json' || path === '/admin/weights') return path;
    if (path.startsWith('/v2')) return path.endsWith('/infer') ? '/v2/infer' : '/v2';
    return 'other';
  }

  async function handle(req: RouteRequest): Promise<Reply> {
    const { method, path } = req;
    const get = method === 'GET' || method === 'HEAD';
    const readyReply = () => (ready ? json(200, { status: 'ready' }) : fail(503, 'NOT_READY', 'The model is loading or warming up; try again shortly.'));
    const wrongMethod = (allowed: string) => fail(405, 'METHOD_NOT_ALLOWED', method + ' is not allowed on ' + path + '; use ' + allowed + '.');
    if (path === '/invocations') {
      if (method !== 'POST') return wrongMethod('POST');
      if (!ready) return readyReply();
      const type = header(req, 'content-type');
      return scoreRows(req, (d.scoreNumbers && req.bytes && reader.numbers(type, req.bytes, options.batchRows)) || reader.invocations(type, req.body), mlflow);
    }
    if (path === v2Model + '/infer') {
      if (method !== 'POST') return wrongMethod('POST');
      if (!ready) return readyReply();
      const read = header(req, 'content-type').split(';')[0].trim().toLowerCase() === 'application/json' ? reader.v2(req.body) : ({ ok: false, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the v2 inference request as application/json.' } as const);
      const id = (() => {
        try {
          const v = JSON.parse(req.body) as { id?: unknown };
          return typeof v.id === 'string' ? v.id : undefined;
        } catch {
          return undefined;
        }
      })();
      return scoreRows(req, read, (p) => ({ model_name: model.name, model_version: String(model.version), ...(id !== undefined ? { id } : {}), outputs: v2.outputs(p) }));
    }
    if (path === '/admin/weights' && d.admin) {
      if (method !== 'POST') return wrongMethod('POST');
      if (options.adminToken === null || header(req, 'authorization') !== 'Bearer ' + options.adminToken) {
        return fail(401, 'UNAUTHENTICATED', 'Send the admin token given at start as "Authorization: Bearer <token>".');
      }
      return d.admin(req.body);
    }
    const gets: Record<string, () => Reply> = {
      '/ping': () => json(200, { status: 'alive' }),
      '/health': readyReply,
      '/version': () => json(200, { model: model.name, version: model.version, server: d.serverVersion }),
      '/metadata': () =>
        json(200, {
          model: { name: model.name, version: model.version, task: model.task, target: model.target },
          inputs: model.columns,
          outputs: model.task === 'regression' ? { prediction: 'number' } : { label: model.classes, probabilities: 'number per class' },
          files: model.hashes,
          drift: model.drift !== null,
        }),
      '/openapi.json': () => json(200, d.openApi),
      '/metrics': () => ({ status: 200, body: metrics.render(), contentType: 'text/plain; version=0.0.4; charset=utf-8' }),
      '/v2': () => json(200, { name: 'modelbench', version: d.serverVersion, extensions: [] }),
      '/v2/health/live': () => json(200, { live: true }),
      '/v2/health/ready': () => (ready ? json(200, { ready: true }) : json(503, { ready: false })),
      [v2Model]: () => json(200, v2.metadata()),
      [v2Model + '/ready']: () => (ready ? json(200, { name: model.name, ready: true }) : json(503, { name: model.name, ready: false })),
    };
    if (Object.prototype.hasOwnProperty.call(gets, path)) return get ? gets[path]() : wrongMethod('GET');
    return fail(404, 'NOT_FOUND', 'No route ' + path.slice(0, 100) + '; POST /invocations to score, GET /openapi.json lists every route.');
  }

  return {
    handle,
    routeOf,
    markReady() {
      ready = true;
    },
  };
}
