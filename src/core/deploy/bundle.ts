import { strToU8, zipSync } from 'fflate';
import type { BaselineModel, LayersFiles, TreeEnsemble } from '../models';
import type { SliceReportJson } from '../explain';
import type { FittedRecipe } from '../recipe';
import { modelCard, type CardInfo } from './card';
import { demoPage } from './demoPage';
import { inputExamples } from './inputExamples';
import { buildManifest, type Manifest } from './manifest';
import { exportOnnx } from './onnx/exportOnnx';
import { onnxGap } from './onnx/onnxGap';
import { modelFromBaseline, modelFromLayersFiles, modelFromTrees } from './portableModel';
import { assertPortable } from './requiredInputs';
import { treeSummary, treesKindWords } from './treeSummary';
import { scorerClassicScript, scorerModule } from './scorerSource';
import { bundleSqlFiles } from './sql';
import type { PortableModel } from './types';
import type { DriftProfile } from './driftProfile';
import { bundleDockerfile, serveModule } from '../serve';

export interface BundleInput {
  name: string;
  version: string | number;
  fitted: FittedRecipe;
  /** A network's TF.js files (from `layersFiles` or a run directory), the baseline, or a tree ensemble (`trees.json`). */
  model: { kind: 'tf'; modelKind: string; files: LayersFiles } | { kind: 'baseline'; baseline: BaselineModel } | { kind: 'trees'; ensemble: TreeEnsemble };
  metrics?: Record<string, number>;
  baselineMetrics?: Record<string, number>;
  /** Metrics by slice of the held-out rows, weakest first, for the card. */
  slices?: SliceReportJson;
  /** Importance and the top columns' effects, for the card ("What drives the predictions"). */
  explanation?: CardInfo['explanation'];
  data?: CardInfo['data'];
  /** How the test rows behind `metrics` were held out, for the card. */
  split?: CardInfo['split'];
  latency?: CardInfo['latency'];
  /** The training profile of the inputs, written as drift.json so that a serving bundle reports drift (PSI) on /metrics. */
  drift?: DriftProfile;
  /** ISO time written to the manifest and card. Default: now. */
  createdAt?: string;
}

export interface Bundle {
  /** The zip. */
  zip: Uint8Array;
  /** Every file, by path (manifest.json included). */
  files: Record<string, Uint8Array>;
  manifest: Manifest;
  model: PortableModel;
}

/** The portable model of a bundle input (also what the latency bench scores). */
export function portableOf(input: Pick<BundleInput, 'fitted' | 'model'>): PortableModel {
  const m = input.model;
  if (m.kind === 'tf') return modelFromLayersFiles(m.files, input.fitted);
  return m.kind === 'trees' ? modelFromTrees(m.ensemble, input.fitted) : modelFromBaseline(m.baseline, input.fitted);
}

/**
 * One zip per model version: TF.js files (networks only; trees and the baseline have none), preprocess.json, scorer.mjs,
 * model.onnx, model.sql (DuckDB) with ONNX snippets for Synapse and BigQuery under sql/, index.html, serve.mjs (an HTTP scoring server) with its Dockerfile, drift.json (when the training profile
 * is known), README.md (model card) and manifest.json with every file's SHA-256.
 * Throws DeployError for recipes the portable paths cannot reproduce (a derive step).
 */
export function buildBundle(input: BundleInput): Bundle {
  assertPortable(input.fitted);
  const createdAt = input.createdAt ?? new Date().toISOString();
  const id = { name: input.name, version: input.version };
  const model = portableOf(input);
  const files: Record<string, Uint8Array> = {};
  if (input.model.kind === 'tf') {
    files['model.json'] = strToU8(input.model.files.modelJson);
    files['weights.bin'] = input.model.files.weights;
  }
  files['preprocess.json'] = strToU8(JSON.stringify(input.fitted, null, 1));
  // The model itself, as a run directory holds it, so `modelbench sql` (any dialect) and other readers
  // can lift it from the bundle; scorer.mjs and model.onnx carry it only in compiled form.
  if (input.model.kind === 'trees') files['trees.json'] = strToU8(JSON.stringify(input.model.ensemble));
  if (input.model.kind === 'baseline') files['baseline.json'] = strToU8(JSON.stringify(input.model.baseline));
  files['scorer.mjs'] = strToU8(scorerModule(input.fitted, model, id));
  const noOnnx = onnxGap(input.fitted);
  if (!noOnnx) files['model.onnx'] = exportOnnx(input.fitted, model, id);
  const sql = bundleSqlFiles({ fitted: input.fitted, model, ...id }, !noOnnx);
  for (const [path, text] of Object.entries(sql.files)) files[path] = strToU8(text);
  files['serve.mjs'] = strToU8(serveModule(id));
  files['Dockerfile'] = strToU8(bundleDockerfile(id));
  if (input.drift) files['drift.json'] = strToU8(JSON.stringify(input.drift));
  files['index.html'] = strToU8(demoPage(`${input.name} v${input.version}`, input.fitted.target, scorerClassicScript(input.fitted, model, id), inputExamples(input.fitted)));
  files['README.md'] = strToU8(
    modelCard(input.fitted, {
      name: input.name,
      version: input.version,
      kind: input.model.kind === 'tf' ? input.model.modelKind : input.model.kind === 'trees' ? treesKindWords(input.model.ensemble) : 'baseline',
      createdAt,
      hasTfjs: input.model.kind === 'tf',
      sql: sql.card,
      ...(noOnnx ? { onnxUnavailable: noOnnx } : {}),
      ...(input.model.kind === 'trees' ? { trees: treeSummary(input.model.ensemble, input.fitted.featureNames) } : {}),
      ...(input.metrics ? { metrics: input.metrics } : {}),
      ...(input.baselineMetrics ? { baselineMetrics: input.baselineMetrics } : {}),
      ...(input.slices ? { slices: input.slices } : {}),
      ...(input.explanation ? { explanation: input.explanation } : {}),
      ...(input.data ? { data: input.data } : {}),
      ...(input.split ? { split: input.split } : {}),
      ...(input.latency ? { latency: input.latency } : {}),
    }),
  );
  const manifest = buildManifest(files, id, createdAt);
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 1));
  // A fixed mtime keeps the zip bytes a function of the contents.
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { mtime: new Date(createdAt) }]])), { level: 6 });
  return { zip, files, manifest, model };
}
