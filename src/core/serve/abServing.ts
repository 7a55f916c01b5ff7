import type { Decision, movedShare, planRouter, routerKernel, RouterConfig } from '../abtest';
import type { RowPrediction } from '../deploy';
import type { microBatcher } from './microBatch';
import type { AbServing } from './runServer';
import type { serveMetrics } from './serveMetrics';
import type { BundleScorer, ServeOptions } from './types';

/** What the A/B server is built from; the abtest functions are passed in so that this one stays self-contained. */
export interface AbDeps {
  config: RouterConfig;
  /** Each variant's scorer.mjs, by variant name. */
  variants: Record<string, BundleScorer>;
  kernel: ReturnType<typeof routerKernel>;
  planRouter: typeof planRouter;
  movedShare: typeof movedShare;
  microBatcher: typeof microBatcher;
  /** The decision log (a file, or the primary process under --workers), or null to keep no log. */
  log: { write(decision: Decision): void; flush(): void; close(): void | Promise<void> } | null;
  options: Pick<ServeOptions, 'batchRows' | 'unitHeader' | 'unitField'>;
  defer: (fn: () => void) => unknown;
  /** A line in the server's own log (weight changes, shadow failures). */
  event: (name: string, extra: Record<string, unknown>) => void;
}

/**
 * A/B serving over the bundle's router: each request's rows are grouped by unit id and routed with
 * the bundle's hashing and weights (in shadow mode every challenger scores too, silently), every
 * scorer answer is a line in the decision log and a per-variant count on /metrics, and
 * POST /admin/weights re-plans the traffic slices without a restart (moving as few units as any
 * layout can). Reads only its arguments and built-ins, like the rest of the server.
 */
export function abServing(d: AbDeps, metrics: ReturnType<typeof serveMetrics>): AbServing {
  let config = d.config;
  const scorers: Record<string, { predict(rows: unknown[]): Promise<RowPrediction[]> }> = {};
  for (const name of config.variants) {
    const scorer = d.variants[name];
    scorers[name] = { predict: d.microBatcher((rows) => scorer.predict(rows), d.options.batchRows, d.defer, (n) => metrics.batch(n)) };
  }
  const router = d.kernel.createRouter(() => config, scorers, {
    onDecision(decision) {
      if (d.log) d.log.write(decision);
      metrics.variant(decision.variant, decision.shadow);
    },
    onShadowError(error, variant, unitId) {
      d.event('shadow-error', { variant, unitId, error: error instanceof Error ? error.message : String(error) });
    },
  });
  const flusher = setInterval(() => d.log && d.log.flush(), 1000) as unknown as { unref?: () => void };
  if (flusher.unref) flusher.unref();
  const unitWords = d.options.unitField !== null ? 'the "' + d.options.unitField + '" field' : 'the ' + d.options.unitHeader + ' header';
  const shares = (c: RouterConfig) => {
    const out: Record<string, number> = {};
    for (const r of c.ranges) out[r.variant] = (out[r.variant] || 0) + (r.end - r.start);
    return out;
  };

  async function score(rows: Record<string, unknown>[], unitIds: (string | null)[]) {
    const predictions: RowPrediction[] = new Array(rows.length);
    const variants: string[] = new Array(rows.length).fill('');
    const groups = new Map<string, number[]>();
    for (let i = 0; i < rows.length; i++) {
      const id = unitIds[i];
      if (id === null || id === '') {
        predictions[i] = { error: 'The row has no unit id; send it in ' + unitWords + ' so the A/B router can assign a variant.' };
        continue;
      }
      const group = groups.get(id);
      if (group) group.push(i);
      else groups.set(id, [i]);
    }
    await Promise.all(
      [...groups].map(async ([id, at]) => {
        const answer = await router.predict(id, at.map((i) => rows[i]));
        const out = answer.prediction as RowPrediction[];
        at.forEach((i, k) => {
          predictions[i] = out[k];
          variants[i] = answer.variant;
        });
      }),
    );
    return { predictions, variants };
  }

  function admin(body: string) {
    const reply = (status: number, value: unknown) => ({ status, body: JSON.stringify(value), contentType: 'application/json' });
    let given: { weights?: unknown; shadow?: unknown };
    try {
      given = JSON.parse(body) as typeof given;
    } catch {
      return reply(400, { error_code: 'MALFORMED_REQUEST', message: 'The body is not valid JSON; send {"weights": {"variant": weight, ...}}.' });
    }
    const w = given && given.weights;
    const list = Array.isArray(w) ? (w as { name: string; weight: number }[]) : w && typeof w === 'object' ? Object.entries(w as Record<string, number>).map(([name, weight]) => ({ name, weight })) : null;
    const names = list ? list.map((x) => x.name) : [];
    const unknown = names.filter((n) => !config.variants.includes(n));
    const missing = config.variants.filter((n) => !names.includes(n));
    if (!list || unknown.length || missing.length) {
      const why = !list ? 'it has no "weights"' : unknown.length ? 'it names ' + unknown.join(', ') + ', which this bundle lacks' : 'it leaves out ' + missing.join(', ');
      return reply(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'Send a weight for each variant (' + config.variants.join(', ') + '); ' + why + '.' });
    }
    if (given.shadow !== undefined && typeof given.shadow !== 'boolean') return reply(400, { error_code: 'INVALID_PARAMETER_VALUE', message: '"shadow" must be true or false.' });
    let next: RouterConfig;
    try {
      next = d.planRouter({ weights: list, champion: config.champion, salt: config.salt, shadow: given.shadow === undefined ? config.shadow : given.shadow, previous: config });
    } catch (e) {
      return reply(400, { error_code: 'INVALID_PARAMETER_VALUE', message: (e as Error).message });
    }
    const moved = d.movedShare(config.ranges, next.ranges);
    d.event('weights', { from: shares(config), to: shares(next), shadow: next.shadow, moved });
    config = next;
    return reply(200, { config: next, moved });
  }

  return {
    score,
    admin,
    async flush() {
      clearInterval(flusher as unknown as number);
      await router.idle();
      if (d.log) await d.log.close();
    },
  };
}
