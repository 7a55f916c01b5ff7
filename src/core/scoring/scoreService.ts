import { transfer } from 'comlink';
import { analyzeExperiment, compareOnTable, experimentRows, heldOutRows, logVariants, packAbBundle, tableFingerprint, type ExperimentRow, type ModelTraining, type TableComparison, type VariantWeight } from '../abtest';
import { buildBundle, compileSql, portableOf, checkSchema, driftReport, measureLatency, predictionsFile, requiredInputs, scoreTable, type BundleInput, type CompileSqlOptions, type DriftProfile, type LatencyReport, type Preprocess, type PredictionsFormat, type RowPrediction } from '../deploy';
import { loadLayersFiles, predict, type BackendName, type LayersFiles, type Trained } from '../models';
import { transformRecipe, type FittedRecipe } from '../recipe';
import { blobSource, cellText, readTable, writeCsv } from '../table';
import { isNumeric, type Table } from '../table';

/** A model's generated scorer: the classic-script form of scorer.mjs. */
export interface Scorer {
  predict(rows: unknown[]): RowPrediction[];
  predictOne(row: unknown): RowPrediction;
}

function cell(c: Table['columns'][number], r: number): unknown {
  if (isNumeric(c)) return c.values[r] !== c.values[r] ? null : c.type === 'boolean' ? c.values[r] === 1 : c.values[r];
  return c.codes[r] < 0 ? null : c.dictionary[c.codes[r]];
}

function rowsOf(table: Table, indices?: ArrayLike<number>): Record<string, unknown>[] {
  const n = indices ? indices.length : table.rowCount;
  return Array.from({ length: n }, (_, i) => {
    const r = indices ? indices[i] : i;
    return Object.fromEntries(table.columns.map((c) => [c.name, cell(c, r)]));
  });
}

async function open(source: File | Table): Promise<Table> {
  return source instanceof Blob ? (await readTable(blobSource(source, source instanceof File ? source.name : 'file'))).table : source;
}

/** The network of a TF.js bundle input, with the shape `predict` needs. */
async function network(files: LayersFiles, fitted: FittedRecipe): Promise<Trained> {
  const embeddings = files.modelJson.includes('"Embedding"') && fitted.embeddings.length ? fitted.embeddings : undefined;
  return { kind: 'tf', modelKind: 'mlp', task: fitted.task, numClasses: fitted.classes?.length ?? 1, model: await loadLayersFiles(files), ...(embeddings ? { embeddings } : {}) };
}

/** Options of `latency`. */
export interface LatencyRequest {
  /** Timed single-row calls per path (≥ 1,000). */
  calls: number;
  warmup: number;
  /** TF.js backends to time besides scorer.mjs; each is skipped (with a note) when it cannot start here. */
  backends: BackendName[];
}

const hex = (digest: ArrayBuffer) => Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');

/** What the score service needs from its platform. */
export interface ScoreAdapters {
  /** Model `index`'s generated scorer, or null when its recipe cannot be exported. */
  scorer(index: number): Scorer | null;
  /** Switches TF.js to `backend`; false when it cannot start here. */
  useBackend(backend: BackendName): Promise<boolean>;
}

/**
 * The score worker's service: latency, bundles, batch scoring, drift, offline comparison, A/B
 * bundle and experiment analysis. It scores with the generated scorers it is given, so the studio
 * scores with exactly the code it ships.
 */
export function createScoreService(adapters: ScoreAdapters) {
  let table: Table | null = null;
  let log: Table | null = null;
  const scorer = (index: number): Scorer => {
    const s = adapters.scorer(index);
    if (!s) throw new Error(`Model ${index + 1} has no portable scorer (its recipe cannot be exported), so it cannot be scored here.`);
    return s;
  };

  return {
    /** scorer.mjs and TF.js latency on rows of `sample` (at most 1,000 are used). */
    async latency(index: number, model: BundleInput, sample: Table, request: LatencyRequest): Promise<{ reports: LatencyReport[]; notes: string[] }> {
      const n = Math.min(1000, sample.rowCount);
      const rows = rowsOf(sample, Int32Array.from({ length: n }, (_, i) => i));
      const s = scorer(index);
      const batchOf = (size: number) => Array.from({ length: size }, (_, i) => rows[i % n]);
      const batch = batchOf(1000);
      // performance.now() ticks in 5 µs steps here (100 µs without cross-origin isolation): time groups of calls.
      const group = globalThis.crossOriginIsolated ? 20 : 200;
      const reports = [await measureLatency((i) => s.predictOne(rows[i % n]), () => s.predict(batch), { path: 'scorer.mjs', calls: Math.max(request.calls, 2000), warmup: request.warmup, callsPerSample: group })];
      const notes: string[] = [];
      if (model.model.kind === 'tf') {
        const X = transformRecipe(model.fitted, sample, Int32Array.from({ length: n }, (_, i) => i));
        const d = X.featureNames.length;
        const tiled = new Float32Array(1000 * d);
        for (let i = 0; i < 1000; i++) tiled.set(X.X.subarray((i % X.n) * d, (i % X.n + 1) * d), i * d);
        for (const backend of request.backends) {
          if (!(await adapters.useBackend(backend))) {
            notes.push(`TF.js ${backend} could not start in this browser, so it was not measured.`);
            continue;
          }
          const net = await network(model.model.files, model.fitted);
          try {
            const one = (i: number) => predict(net, tiled.subarray((i % 1000) * d, (i % 1000 + 1) * d), 1);
            reports.push(await measureLatency(one, () => predict(net, tiled, 1000), { path: `tfjs-${backend}`, calls: request.calls, warmup: request.warmup, callsPerSample: 2, batches: 3 }));
          } finally {
            if (net.kind === 'tf') net.model.dispose();
          }
        }
        if (request.backends.length) notes.push('TF.js paths time the network on already-prepared features; scorer.mjs includes preprocessing.');
      }
      return { reports, notes };
    },

    /** The bundle zip; throws DeployError's message for recipes that cannot be exported. */
    bundle(input: BundleInput): Uint8Array {
      const { zip } = buildBundle(input);
      return transfer(zip, [zip.buffer as ArrayBuffer]);
    },

    /** The model as SQL for one dialect (the Deploy stage's preview); throws DeployError's message when SQL cannot express it. */
    sql(input: Pick<BundleInput, 'name' | 'version' | 'fitted' | 'model'>, options: CompileSqlOptions): string {
      return compileSql({ fitted: input.fitted, model: portableOf(input), name: input.name, version: input.version }, options);
    },

    /** Reads a file to score (kept here for `score`), checks it against the model, and measures drift. */
    async open(source: File | Table, preprocess: Preprocess, profile: DriftProfile | null) {
      table = await open(source);
      const schema = checkSchema(table, preprocess);
      const inputs = requiredInputs(preprocess).map((c) => c.name);
      const drift = profile ? driftReport(profile, table, inputs) : null;
      return { name: table.name, rows: table.rowCount, columns: table.columns.length, schema, drift };
    },

    /** Scores the opened file; returns the predictions file and a preview of the first rows. */
    async score(index: number, preprocess: Preprocess, format: PredictionsFormat, neutralise: boolean, onProgress?: (done: number, total: number) => void) {
      if (!table) throw new Error('No file is open to score; choose a CSV or Parquet file first.');
      const started = performance.now();
      const scored = await scoreTable(table, scorer(index), preprocess, { onProgress: (done, total) => onProgress?.(done, total) });
      const ms = performance.now() - started;
      const bytes = format === 'csv' && !neutralise ? new TextEncoder().encode(writeCsv(scored.table, { neutraliseFormulas: false })) : predictionsFile(scored.table, format);
      const added = scored.table.columns.slice(table.columns.length);
      const preview = {
        columns: added.map((c) => c.name),
        rows: Array.from({ length: Math.min(10, table.rowCount) }, (_, r) => added.map((c) => cellText(c, r))),
      };
      return transfer({ bytes, scored: scored.scored, refused: scored.refused, rows: table.rowCount, ms, preview }, [bytes.buffer as ArrayBuffer]);
    },

    /**
     * Offline comparison of every loaded scorer (the first is the champion) on a file, or with
     * `heldOut` on the rows of the open dataset that none of the models trained on.
     */
    async compare(source: File | Table, target: string, names: string[], preprocesses: Preprocess[], heldOut: { fingerprint: string; models: ModelTraining[] } | null, seed: number, reference: Table | null): Promise<{ refused: string } | (TableComparison & { notes: string[]; fingerprints: string[]; referenceFingerprint: string | null })> {
      const test = await open(source);
      // Content (any format) and, for a file, its bytes: registry fingerprints are SHA-256 of the source bytes.
      const fingerprints = [await tableFingerprint(test)];
      if (source instanceof Blob) fingerprints.push(`sha256:${hex(await crypto.subtle.digest('SHA-256', await source.arrayBuffer()))}`);
      const referenceFingerprint = reference ? await tableFingerprint(reference) : null;
      const rows = heldOut ? heldOutRows(test, target, heldOut.fingerprint, heldOut.models) : null;
      if (rows && !rows.ok) return { refused: rows.reason };
      const scorers = names.map((name, i) => ({ name, preprocess: preprocesses[i], predict: (r: Record<string, unknown>[]) => scorer(i).predict(r) }));
      const out = compareOnTable(test, target, scorers, { rows: rows?.rows ?? null, seed });
      return { ...out, notes: rows?.notes ?? [], fingerprints, referenceFingerprint };
    },

    async fingerprint(source: Table): Promise<string> {
      return tableFingerprint(source);
    },

    /** The A/B zip: each model's full bundle under variants/<name>/, router.mjs, router.json, README.md. */
    abBundle(variants: { name: string; weight: number; input: BundleInput }[], shadow: boolean, salt?: string): Uint8Array {
      const packed = packAbBundle(variants.map((v) => ({ name: v.name, weight: v.weight, files: buildBundle(v.input).files })), { shadow, ...(salt ? { salt } : {}) });
      return transfer(packed.zip, [packed.zip.buffer as ArrayBuffer]);
    },

    /** Reads a joined decision log; returns its variants in order of first appearance and its outcome columns. */
    async openLog(file: File) {
      log = await open(file);
      return { name: log.name, rows: log.rowCount, ...logVariants(log) };
    },

    analyze(weights: VariantWeight[], metric: 'conversion' | 'value', plannedSampleSize?: number) {
      if (!log) throw new Error('No experiment log is open; choose the joined CSV first.');
      const rows: ExperimentRow[] = experimentRows(log, metric);
      return analyzeExperiment(rows, { weights, metric, ...(plannedSampleSize ? { plannedSampleSize } : {}) });
    },
  };
}
