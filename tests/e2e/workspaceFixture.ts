/**
 * Builds real workspace zips in the test process: the storage verbs run against fake-indexeddb in
 * Node and `exportWorkspace` writes the file, so the browser imports exactly what Modelbench exports.
 */
import 'fake-indexeddb/auto';
import { unzipSync, zipSync } from 'fflate';
import {
  closeStudioDB,
  exportWorkspace,
  openStudioDB,
  putDataset,
  registerVersion,
  saveRun,
  setAlias,
} from '../../src/storage';
import { evaluateClassification } from '../../src/core/evaluate';
import { createRng } from '../../src/core/stats/rng';

/** What goes in the workspace. */
export interface WorkspaceSpec {
  /** Runs to create, all on one dataset. Default 3. */
  runs?: number;
  /** Register the first two runs as `model` v1 and v2, and point `champion` at v1. Default true. */
  register?: boolean;
  model?: string;
  /** Seed of the synthetic metrics, so two files with different seeds hold different runs. */
  seed?: number;
  /** Leave the last run `running`, as a tab that closed mid-training would. Default false. */
  running?: boolean;
}

let counter = 0;

/** A deterministic binary evaluation: scores that separate the classes better as `skill` grows. */
function evaluation(skill: number, rng: ReturnType<typeof createRng>) {
  const n = 200;
  const y = new Int32Array(n);
  const proba = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    const p = Math.min(0.99, Math.max(0.01, 0.5 + (y[i] ? 1 : -1) * skill * rng.next() + (rng.next() - 0.5) * 0.4));
    proba[2 * i] = 1 - p;
    proba[2 * i + 1] = p;
  }
  return evaluateClassification(y, proba, ['Adelie', 'Gentoo']);
}

export async function buildWorkspace(spec: WorkspaceSpec = {}): Promise<Uint8Array> {
  const runs = spec.runs ?? 3;
  const model = spec.model ?? 'penguin-classifier';
  const rng = createRng(spec.seed ?? 7);
  const name = `fixture-${process.pid}-${++counter}`;
  let clock = Date.UTC(2026, 0, 5, 9);
  const db = await openStudioDB(name, { channel: `fixture-${name}`, now: () => (clock += 60_000) });
  const { dataset } = await putDataset(db, {
    name: 'penguins.json',
    sourceFileName: 'penguins.json',
    fingerprint: ((spec.seed ?? 7) + 0xabc).toString(16).padStart(64, '0'),
    schema: [{ name: 'Species', type: 'categorical' }, { name: 'Beak Length (mm)', type: 'float' }],
    rows: 344,
    columns: 7,
    profileSummary: { alerts: 2 },
  });
  const ids: string[] = [];
  for (let i = 0; i < runs; i++) {
    // Distinct in the first 8 characters, which is what the UI shows of a run id.
    const id = `${String(i).padStart(4, '0')}-s${String(spec.seed ?? 7).padStart(2, '0')}-run`;
    const kind = i % 3 === 2 ? 'logistic' : 'mlp';
    const learningRate = Number((0.001 * (1 + 9 * rng.next())).toPrecision(3));
    const epochs = 10 + (i % 4) * 5;
    const skill = 0.2 + 0.5 * rng.next();
    const report = runs <= 20 ? evaluation(skill, rng) : null;
    const loss = Array.from({ length: epochs }, (_, e) => 0.7 * Math.exp(-e * learningRate * 30) + 0.1);
    const status = spec.running && i === runs - 1 ? 'running' : i === 3 ? 'failed' : i === 4 ? 'cancelled' : 'completed';
    await saveRun(
      db,
      {
        id,
        datasetId: dataset.id,
        recipe: { version: 1, target: 'Species', task: 'binary', steps: [{ kind: 'impute', columns: ['Beak Length (mm)'], strategy: i % 2 ? 'mean' : 'median' }] },
        spec: { kind, options: kind === 'mlp' ? { learningRate, epochs, hidden: [32, 16] } : { learningRate, epochs }, seed: i },
        seed: i,
        backend: 'cpu',
        status,
        startedAt: clock + i * 1000,
        endedAt: status === 'running' ? null : clock + i * 1000 + 5000,
        curves: { loss, val_loss: loss.map((v) => v * 1.1), metric: loss.map((v) => 1 - v), val_metric: loss.map((v) => 0.95 - v) },
        metrics: status === 'completed'
          ? { accuracy: report ? report.metrics.accuracy : Number((0.7 + 0.29 * rng.next()).toFixed(4)), rocAuc: report ? report.metrics.rocAuc : Number((0.75 + 0.24 * rng.next()).toFixed(4)), ...(report ? { evaluation: JSON.parse(JSON.stringify(report)) } : {}) }
          : {},
        ...(status === 'failed' ? { error: 'The loss became NaN at epoch 3; lower the learning rate.' } : {}),
      },
      i < 2 ? [{ name: 'weights.bin', bytes: new Uint8Array(1024).fill(i + 1) }] : [],
    );
    ids.push(id);
  }
  if ((spec.register ?? true) && runs >= 2) {
    await registerVersion(db, ids[0], model, { tags: { team: 'birds' }, notes: 'first try' });
    await registerVersion(db, ids[1], model);
    await setAlias(db, model, 'champion', 1);
  }
  const bytes = await exportWorkspace(db);
  closeStudioDB(db);
  return bytes;
}

/** The same zip with one byte of `workspace.json` changed but the manifest left as it was. */
export function tamper(zip: Uint8Array): Uint8Array {
  const files = unzipSync(zip);
  const json = new TextDecoder().decode(files['workspace.json']).replace('"rows":344', '"rows":345');
  return zipSync({ ...files, 'workspace.json': new TextEncoder().encode(json) });
}
