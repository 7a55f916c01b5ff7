import type { psiKernel } from '../stats';
import type { flatRecord } from '../table';
import type { httpTransport } from './httpTransport';
import type { inferenceV2 } from './inferenceV2';
import type { microBatcher } from './microBatch';
import type { numberSplit } from './numberSplit';
import type { openApiDoc } from './openApi';
import type { rowReader } from './requestRows';
import type { serveMetrics } from './serveMetrics';
import type { Routes, ScoreRows, serveRoutes } from './serveRoutes';
import type { HttpModule, Reply, ServedModel, ServeOptions } from './types';
import type { RowPrediction } from '../deploy';

/** The server's functions, passed in so that runServer itself stays self-contained (see serveSource.ts). */
export interface ServeParts {
  rowReader: typeof rowReader;
  numberSplit: typeof numberSplit;
  serveMetrics: typeof serveMetrics;
  microBatcher: typeof microBatcher;
  inferenceV2: typeof inferenceV2;
  openApiDoc: typeof openApiDoc;
  serveRoutes: typeof serveRoutes;
  httpTransport: typeof httpTransport;
  psiKernel: typeof psiKernel;
  flatRecord: typeof flatRecord;
}

/** A/B serving, built by the caller over the same metrics (see abServing.ts). */
export interface AbServing {
  score: ScoreRows;
  admin: (body: string) => Reply;
  /** Flushes the decision log; called after the last request finished. */
  flush(): Promise<void>;
}

/** Everything platform-specific, injected: node:http, the process's signals, setImmediate, stdout/stderr. */
export interface ServeEnv {
  http: HttpModule;
  /** process, for SIGTERM/SIGINT; null leaves signals alone (an embedding program stops the server itself). */
  signals: { once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown } | null;
  defer: (fn: () => void) => unknown;
  log: (line: string) => void;
  logError: (line: string) => void;
  options: ServeOptions;
  /** The model (for A/B: the champion, whose schema every request is checked against). */
  model: ServedModel;
  /** A/B: builds the router over the server's metrics; null serves `model` alone. */
  ab: ((metrics: ReturnType<typeof serveMetrics>) => AbServing) | null;
  serverVersion: string;
}

export interface RunningServer {
  port: number;
  host: string;
  routes: Routes;
  /** Stops accepting, finishes in-flight requests, flushes logs. */
  close(): Promise<void>;
  /** Resolves once the server has closed (by `close` or a signal). */
  closed: Promise<void>;
}

/**
 * Starts the scoring server: listen, warm up with one prediction (readiness waits for it), then
 * serve until SIGTERM/SIGINT, which stop accepting, let in-flight requests finish and flush the
 * logs. The same function runs under `modelbench serve` and in a bundle's serve.mjs, where it is
 * emitted with `Function.prototype.toString()`; it reads only its arguments and built-ins.
 */
export async function runServer(env: ServeEnv, parts: ServeParts): Promise<RunningServer> {
  const { options, model } = env;
  const metrics = parts.serveMetrics(model.drift, options.driftWindow, parts.psiKernel(1e-4));
  const ab = env.ab ? env.ab(metrics) : null;
  const batch = parts.microBatcher<RowPrediction>((rows) => model.scorer.predict(rows), options.batchRows, env.defer, (n) => metrics.batch(n));
  const single: ScoreRows = async (rows) => ({ predictions: await batch(rows) });
  // Cell lists are micro-batched per column list (the row reader hands out one array per list, so
  // it keys the batchers), and scored without row objects.
  const byColumns = (predictColumns: (columns: string[], cells: unknown[][]) => RowPrediction[]) => {
    const batchers = new WeakMap<readonly string[], (cells: unknown[]) => Promise<RowPrediction[]>>();
    return (columns: readonly string[], cells: unknown[][]) => {
      let score = batchers.get(columns);
      if (!score) {
        const names = columns.slice();
        score = parts.microBatcher<RowPrediction>((rows) => predictColumns(names, rows as unknown[][]), options.batchRows, env.defer, (n) => metrics.batch(n));
        batchers.set(columns, score);
      }
      return score(cells);
    };
  };
  const routes = parts.serveRoutes({
    model,
    options,
    metrics,
    reader: parts.rowReader(model.columns, options.maxRows, options.unitField, parts.numberSplit, parts.flatRecord),
    v2: parts.inferenceV2(model),
    openApi: parts.openApiDoc(model, ab !== null),
    score: ab ? ab.score : single,
    // Bundles exported before predictColumns existed score row objects.
    scoreColumns: ab || typeof model.scorer.predictColumns !== 'function' ? null : byColumns((columns, cells) => model.scorer.predictColumns!(columns, cells)),
    // A request of at least a batch's rows is scored alone by the batcher, so it is counted as its batch here.
    scoreNumbers:
      ab || typeof model.scorer.predictNumbers !== 'function'
        ? null
        : (columns, numbers) => {
            metrics.batch(numbers.n);
            return model.scorer.predictNumbers!(columns.slice(), numbers.values, numbers.n);
          },
    admin: ab ? ab.admin : null,
    serverVersion: env.serverVersion,
  });
  const transport = parts.httpTransport(env.http, routes, metrics, options, env.log, env.logError);
  const where = await transport.listen();
  const event = (name: string, extra: Record<string, unknown> = {}) => env.log(JSON.stringify({ time: new Date().toISOString(), event: name, ...extra }) + '\n');
  const url = 'http://' + (where.host.includes(':') ? '[' + where.host + ']' : where.host) + ':' + where.port;
  event('listening', { url, model: model.name, version: model.version, ab: ab !== null });

  // Warm-up: a row of missing values goes through the reader, the recipe and the model once.
  // It stays unready (503 on /health and scoring routes, 200 on /ping) when that fails.
  try {
    const warm = model.scorer.predict([Object.fromEntries(model.columns.map((c) => [c.name, null]))]);
    if (!Array.isArray(warm) || warm.length !== 1) throw new Error('the scorer answered ' + JSON.stringify(warm).slice(0, 200) + ' for one row');
    routes.markReady();
    event('ready');
  } catch (e) {
    env.logError(JSON.stringify({ time: new Date().toISOString(), event: 'warm-up failed', error: e instanceof Error ? e.message : String(e) }) + '\n');
  }

  let closing: Promise<void> | null = null;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const close = (): Promise<void> => {
    if (!closing) {
      event('stopping');
      closing = transport
        .close()
        .then(() => (ab ? ab.flush() : undefined))
        .then(() => {
          event('stopped');
          resolveClosed();
        });
    }
    return closing;
  };
  if (env.signals) {
    env.signals.once('SIGTERM', () => void close());
    env.signals.once('SIGINT', () => void close());
  }
  return { port: where.port, host: where.host, routes, close, closed };
}
