import type { SliceReportJson } from '../explain';
import type { FittedRecipe, SplitSpec } from '../recipe';
import { primaryMetric } from '../evaluate';
import { comparisonSentence, rowStepWords, splitSpecWords } from '../explain';
import { slicesSection } from './cardSlices';
import { explanationSection } from './cardExplanation';
import type { ExplanationSummary } from '../explain';
import { codeBlock, escapeMarkdown as md } from './escape';
import type { LatencyReport } from './latency';
import { onnxInputNames } from './onnx/inputNames';
import { inputExamples } from './inputExamples';
import type { TreeSummary } from './treeSummary';
import { sqlCardFiles, sqlCardSection, type CardSql } from './sql';
import { formatCount } from '../format';

/** What the model card says beyond the recipe. */
export interface CardInfo {
  name: string;
  version: string | number;
  /** Model kind (mlp, logistic, linear, baseline; `gradient-boosted trees` or `random forest` for ensembles). */
  kind: string;
  createdAt: string;
  /** Test metrics of the model and of the baseline, by metric name. */
  metrics?: Record<string, number>;
  baselineMetrics?: Record<string, number>;
  /** Metrics by slice of the held-out rows, weakest first ("Weakest slices"). */
  slices?: SliceReportJson;
  /** Importance and the top columns' effects ("What drives the predictions"). */
  explanation?: ExplanationSummary;
  /** Training data: name, row count and fingerprint (hash of the source bytes). */
  data?: { name: string; rows: number; fingerprint: string };
  /** How the test rows were held out (the metrics are on those rows only). */
  split?: SplitSpec;
  /** Single-row and batch latency per scoring path, as measured by `measureLatency`. */
  latency?: LatencyReport[];
  /** True when the bundle has model.json + weights.bin. */
  hasTfjs: boolean;
  /** For a tree ensemble: its size and the features it splits on most (`treeSummary`). */
  trees?: TreeSummary;
  /** The bundle's model.sql (its dialect and table), or why the model has none. */
  sql?: CardSql;
  /** Why the bundle has no model.onnx (a text step), when it has none. */
  onnxUnavailable?: string;
}

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1000 ? v.toFixed(1) : v.toPrecision(4)) : String(v));

function metricsTable(info: CardInfo): string {
  const names = Object.keys(info.metrics ?? {});
  if (names.length === 0) return '_No test metrics were recorded with this model._';
  const rows = names.map((m) => `| ${md(m)} | ${fmt(info.metrics![m])} | ${info.baselineMetrics?.[m] !== undefined ? fmt(info.baselineMetrics[m]) : '–'} |`);
  return ['| Metric | Model | Baseline |', '|---|---:|---:|', ...rows].join('\n');
}

/** The primary metric against the baseline, graded with the studio's margins (`comparisonSentence`). */
function baselineVerdict(fitted: FittedRecipe, info: CardInfo): string[] {
  const metric = primaryMetric(fitted.task);
  const model = info.metrics?.[metric];
  const baseline = info.baselineMetrics?.[metric];
  if (model === undefined || baseline === undefined) return [];
  return [md(comparisonSentence({ metric, model, baseline })), ''];
}

function treesSection(t: TreeSummary): string[] {
  const size = `${formatCount(t.trees)} tree${t.trees === 1 ? '' : 's'}${t.rounds !== null ? ` (${formatCount(t.rounds)} boosting round${t.rounds === 1 ? '' : 's'})` : ''}, max depth ${t.maxDepth}.`;
  const features = t.topFeatures.length
    ? ['Top features by total split gain (summed over every split on the feature):', '', '| Feature | Gain | Share |', '|---|---:|---:|', ...t.topFeatures.map((f) => `| ${md(f.name)} | ${fmt(f.gain)} | ${(100 * f.share).toFixed(1)}% |`)]
    : ['_No split recorded a gain, so there is no feature ranking._'];
  return ['## Model', '', `${t.kind[0].toUpperCase()}${t.kind.slice(1)}: ${size}`, '', ...features, ''];
}

function latencyTable(info: CardInfo): string {
  if (!info.latency?.length) return '_Latency was not measured for this bundle; run the latency gate in the studio or `measureLatency` on scorer.mjs._';
  const rows = info.latency.map((r) => `| ${md(r.path)} | ${fmt(r.single.p50Us)} | ${fmt(r.single.p95Us)} | ${fmt(r.single.p99Us)} | ${formatCount(r.batch.rowsPerSecond)} |`);
  return ['| Path | p50 µs | p95 µs | p99 µs | Batch rows/s |', '|---|---:|---:|---:|---:|', ...rows].join('\n');
}

/** "An MLP", "A random forest": the kind as a sentence names it. */
function kindPhrase(kind: string): string {
  const words = kind === 'mlp' ? 'MLP' : ['linear', 'logistic'].includes(kind) ? `${kind} regression` : kind;
  return `${/^(MLP|[aeiou])/i.test(words) ? 'An' : 'A'} ${md(words)}`;
}

/** README.md of a bundle: the model card. Every user-supplied name is escaped for Markdown. */
export function modelCard(fitted: FittedRecipe, info: CardInfo): string {
  const inputs = inputExamples(fitted);
  const names = onnxInputNames(inputs);
  const example = Object.fromEntries(inputs.map((c) => [c.name, c.example]));
  const task = fitted.task === 'regression' ? 'regression' : `${fitted.task} classification`;
  const output = fitted.task === 'regression' ? '`{ value }`' : '`{ label, probabilities: { class: p } }`';
  const feeds = inputs.map((c, i) => {
    const type = typeof c.example === 'string' && c.type !== 'datetime' ? `'string', [${JSON.stringify(c.example)}]` : c.type === 'datetime' ? "'float64', [Date.parse('2024-05-01T00:00:00Z')]" : `'float32', [${Number(c.example)}]`;
    return `  ${JSON.stringify(names[i])}: new ort.Tensor(${type}, [1, 1]),`;
  });
  return [
    `# ${md(info.name)} — version ${md(String(info.version))}`,
    '',
    `${kindPhrase(info.kind)} model for ${task} of **${md(fitted.target)}**, exported by Modelbench on ${md(info.createdAt)}.`,
    fitted.classes ? `Classes: ${fitted.classes.map((c) => `\`${md(c)}\``).join(', ')}.` : '',
    '',
    ...(info.trees ? treesSection(info.trees) : []),
    '## Input features',
    '',
    info.trees
      ? 'Send one object per row, keyed by column name. Missing values (null or empty) and unseen categories are not imputed: each split sends them the way it learned in training. A row without a required column, with text in a numeric column, or with a date written in another shape than in training, gets `{ error }` instead of a prediction.'
      : 'Send one object per row, keyed by column name. Missing values (null or empty) are imputed as the recipe was fitted; an unseen category is encoded as it was in training ("other" or all zeros). A row without a required column, with text in a numeric column, or with a date written in another shape than in training, gets `{ error }` instead of a prediction.',
    '',
    // Without model.onnx (a text step) there are no ONNX input names to list.
    info.onnxUnavailable ? '| Column | Type |' : '| Column | Type | ONNX input |',
    info.onnxUnavailable ? '|---|---|' : '|---|---|---|',
    ...inputs.map((c, i) => `| ${md(c.name)} | ${c.type === 'datetime' ? (c.format ? `datetime written ${md(c.format)} as in training, or epoch ms (UTC)` : 'datetime (ISO 8601 or epoch ms, UTC)') : c.type === 'boolean' && c.format ? `boolean (${md(c.format.split('/').join(' or '))})` : c.type} |${info.onnxUnavailable ? '' : ` ${md(names[i])} |`}`),
    '',
    '## Training data',
    '',
    info.data ? `${md(info.data.name)}: ${formatCount(info.data.rows)} rows (${formatCount(fitted.trainRows)} used to fit), fingerprint \`${md(info.data.fingerprint || 'none')}\`.` : `${formatCount(fitted.trainRows)} training rows.`,
    '',
    '## Test metrics',
    '',
    ...(info.split ? [`On the rows held out for testing: ${md(splitSpecWords(info.split))}.`, ''] : []),
    metricsTable(info),
    '',
    ...baselineVerdict(fitted, info),
    ...(info.explanation ? explanationSection(info.explanation) : []),
    ...(info.slices ? slicesSection(info.slices) : []),
    '## Latency',
    '',
    latencyTable(info),
    '',
    '## Intended use and limitations',
    '',
    `- Use it to score rows drawn from the same population as the training data. Check drift (PSI per feature) before trusting it on new data; a PSI above 0.25 means the inputs have shifted.`,
    `- It saw ${formatCount(fitted.trainRows)} rows; categories outside its vocabulary carry no information of their own.`,
    '- Datetimes are read as UTC. Probabilities are not recalibrated after training.',
    ...(fitted.rowSteps?.length ? [`- It was trained and tested on the rows left after the recipe's row steps (${md(fitted.rowSteps.map(rowStepWords).join('; '))}). The scorer applies no row step: it scores every row it is given.`] : []),
    info.hasTfjs || info.trees ? '' : '- This is the baseline model: it ignores the features and returns the training priors (or mean). There are no TF.js files in this bundle.',
    '',
    '## Files',
    '',
    '- `scorer.mjs` — dependency-free ES module with preprocessing and weights inlined: `predict(rows)`, `predictOne(row)`, `predictColumns(columns, rows)` (rows as lists of cells), `predictNumbers(columns, values, n)` (rows of numbers in one Float64Array, NaN for missing), `meta`.',
    info.onnxUnavailable ? `- No \`model.onnx\`: ${md(info.onnxUnavailable)}` : '- `model.onnx` — preprocessing and model in one ONNX graph (opset 17 plus ai.onnx.ml 2).',
    info.hasTfjs ? '- `model.json` + `weights.bin` — the network in TF.js layers format (it expects preprocessed features; see `preprocess.json`).' : '',
    info.trees ? '- `trees.json` — the tree ensemble as Modelbench reads it back (`modelbench sql` writes any dialect from it).' : '',
    info.kind === 'baseline' ? '- `baseline.json` — the baseline as Modelbench reads it back.' : '',
    ...sqlCardFiles(info.sql).filter((line) => !(info.onnxUnavailable && line.includes('sql/bigquery-onnx.sql'))),
    '- `preprocess.json` — the fitted recipe: imputation values, scaling, vocabularies, column order, input schema.',
    '- `index.html` — offline demo: a form and a CSV picker.',
    '- `manifest.json` — SHA-256 of every file.',
    '',
    '## How to call it',
    '',
    `Each row gives ${output}.`,
    '',
    '### scorer.mjs in Node 18+ or a browser',
    '',
    codeBlock(`import { predict } from './scorer.mjs';\n\nconst [prediction] = predict([${JSON.stringify(example)}]);\nconsole.log(prediction);`, 'js'),
    '',
    ...(info.onnxUnavailable
      ? []
      : [
          '### onnxruntime (web or node)',
          '',
          codeBlock(`import * as ort from 'onnxruntime-web';\n\nconst session = await ort.InferenceSession.create('./model.onnx');\nconst outputs = await session.run({\n${feeds.join('\n')}\n});\nconsole.log(${fitted.task === 'regression' ? 'outputs.value.data' : 'outputs.label.data, outputs.probabilities.data'});`, 'js'),
          '',
          'Text inputs use "" for missing; numbers use NaN.',
          '',
        ]),
    ...sqlCardSection(info.sql),
    ...(info.hasTfjs
      ? [
          '### TF.js',
          '',
          codeBlock(`import * as tf from '@tensorflow/tfjs';\n\nconst model = await tf.loadLayersModel('./model.json');\n// Inputs are the preprocessed features in the order of preprocess.json "featureNames"\n// (embedding-encoded columns go to their own [n, 1] inputs); prefer scorer.mjs or model.onnx for raw rows.`, 'js'),
          '',
        ]
      : []),
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}
