/**
 * The A/B half of `modelbench serve`: checks an A/B bundle (router.json plus variants/<name>/, each a
 * model bundle with its manifest), imports every variant's scorer.mjs and builds the A/B serving of
 * src/core/serve over the bundle's router config, with the decision log on disk.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import { decisionFormats, decisionLogWriter, DECISION_CSV_HEADER, type DecisionLogWriter, movedShare, planRouter, routerKernel, unitPosition, variantAt, type RouterConfig } from '../core/abtest';
import { verifyBundle, type Manifest } from '../core/deploy';
import { abServing, SERVE_PARTS, servedModel, type AbDeps, type BundleScorer, type ServeEnv, type ServedModel, type ServeOptions } from '../core/serve';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Problems with an A/B bundle's files: an unreadable router.json, or a variant whose files do not match its manifest. */
export function abProblems(files: Record<string, Uint8Array>): string[] {
  let config: RouterConfig;
  try {
    config = JSON.parse(text(files['router.json'])) as RouterConfig;
  } catch (e) {
    return [`router.json is not valid JSON (${(e as Error).message}).`];
  }
  if (!Array.isArray(config.variants) || config.variants.length === 0) return ['router.json lists no variants.'];
  return config.variants.flatMap((name) => {
    const prefix = `variants/${name}/`;
    const own = Object.entries(files).filter(([path]) => path.startsWith(prefix)).map(([path, bytes]): [string, [Uint8Array, { level: 0 }]] => [path.slice(prefix.length), [bytes, { level: 0 }]]);
    if (own.length === 0) return [`Variant ${name} is in router.json but has no files under ${prefix}.`];
    return verifyBundle(zipSync(Object.fromEntries(own))).problems.map((p) => `${prefix}${p}`);
  });
}

/** Every decision is logged: beside the working folder unless --decision-log says where. */
export function decisionLog(options: ServeOptions, event: (name: string, extra: Record<string, unknown>) => void): DecisionLogWriter {
  const path = options.decisionLog ?? 'decisions.ndjson';
  event('decision-log', { path, rotateAtBytes: options.decisionLogMaxBytes });
  return decisionLogWriter(fs, path, { format: 'ndjson', maxBytes: options.decisionLogMaxBytes }, decisionFormats(), DECISION_CSV_HEADER);
}

/** The champion's served model and the A/B serving for the bundle in `dir`. */
export async function abSetup(
  dir: string,
  files: Record<string, Uint8Array>,
  options: ServeOptions,
  event: (name: string, extra: Record<string, unknown>) => void,
  /** Under --workers, the primary's log (over IPC) instead of a file. */
  workerLog: AbDeps['log'] = null,
): Promise<{ model: ServedModel; ab: ServeEnv['ab'] }> {
  const config = JSON.parse(text(files['router.json'])) as RouterConfig;
  const variants: Record<string, BundleScorer> = {};
  for (const name of config.variants) variants[name] = (await import(pathToFileURL(join(dir, 'variants', name, 'scorer.mjs')).href)) as BundleScorer;
  const at = (path: string) => files[`variants/${config.champion}/${path}`];
  const drift = at('drift.json') ? (JSON.parse(text(at('drift.json'))) as ServedModel['drift']) : null;
  const model = servedModel(variants[config.champion], JSON.parse(text(at('manifest.json'))) as Manifest, JSON.parse(text(at('preprocess.json'))), drift);
  const log = workerLog ?? decisionLog(options, event);
  const kernel = routerKernel(unitPosition, variantAt);
  return {
    model,
    ab: (metrics) => abServing({ config, variants, kernel, planRouter, movedShare, microBatcher: SERVE_PARTS.microBatcher, log, options, defer: setImmediate, event }, metrics),
  };
}
