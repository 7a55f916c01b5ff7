/**
 * The A/B bundle, shared by the studio (score worker) and `modelbench ab-bundle`: pure, no DOM, no
 * Node. It belongs in src/core/abtest; it sits here because this brief owns only deploy folders.
 */
import { strToU8, zipSync } from 'fflate';
import { abServeModule, bundleDockerfile } from '../serve';
import { emitRouterModule } from './emitRouterModule';
import { planRouter, routerPlanner, type RouterConfig } from './routerConfig';
import { abReadme } from './abReadme';
import { DECISION_CSV_HEADER, decisionFormats } from './decisionLog';
import { decisionLogWriter } from './decisionLogWriter';
import { routerKernel } from './router';
import { trafficKernel } from './trafficRanges';
import { unitHasher } from './unitHash';

/** A variant folder name from a model name and version: safe characters only, unique. */
export function variantName(model: string, version: string | number, taken: Set<string>): string {
  const base = `${model}-v${version}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 60) || 'model';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

/** One model bundle to pack, already unzipped and verified. */
export interface AbVariant {
  name: string;
  weight: number;
  files: Record<string, Uint8Array>;
}

/**
 * The A/B zip: variants/<name>/<file> for every model file, router.mjs, router.json, serve.mjs (the
 * A/B scoring server, `node serve.mjs`) with its Dockerfile, and README.md.
 */
export function packAbBundle(variants: AbVariant[], options: { shadow?: boolean; salt?: string; createdAt?: string } = {}): { zip: Uint8Array; config: RouterConfig } {
  const config = planRouter({ weights: variants.map((v) => ({ name: v.name, weight: v.weight })), shadow: options.shadow ?? false, ...(options.salt ? { salt: options.salt } : {}) });
  const files: Record<string, Uint8Array> = {};
  for (const v of variants) for (const [path, bytes] of Object.entries(v.files)) files[`variants/${v.name}/${path}`] = bytes;
  files['router.mjs'] = strToU8(emitRouterModule(config));
  files['router.json'] = strToU8(JSON.stringify(config, null, 2));
  files['serve.mjs'] = strToU8(abServeModule(config, { unitHasher, trafficKernel, routerKernel, routerPlanner, decisionFormats, decisionLogWriter, csvHeader: DECISION_CSV_HEADER }));
  files['Dockerfile'] = strToU8(bundleDockerfile({ name: `${config.champion}-ab`, version: config.salt }, true));
  files['README.md'] = strToU8(abReadme(config));
  const mtime = new Date(options.createdAt ?? Date.now());
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { mtime }]])), { level: 6 });
  return { zip, config };
}
