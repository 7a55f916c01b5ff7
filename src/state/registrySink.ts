import type { ArtifactInput, Json, NewDataset } from '../storage';
import type { FittedRecipe } from '../core/recipe';
import type { Report } from '../core/profile';
import { runTrainingOf, type TrainedResult } from '../core/run';
import type { Registry } from './registry.svelte';
import { toUserError } from './errors';
import { profileOf } from './modelSource';

/**
 * The parts of a Train-stage run the registry keeps (structurally TrainState's `SessionRun`, so
 * this file does not depend on the Train stage's types).
 */
export interface TrainedRunLike {
  id: string;
  /** The Train stage's name for it ("Gradient-boosted trees #1"). */
  label?: string;
  spec: object;
  recipe: object;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  epochs: { loss: number; valLoss: number | null; metric: number; valMetric: number | null }[];
  backend: string | null;
  error: string | null;
  result: {
    result: TrainedResult & {
      metrics: Record<string, number>;
      report: unknown;
      fitted: FittedRecipe;
      model: { kind: string; files?: { modelJson: string; weights: Uint8Array } };
    };
  } | null;
}

/** JSON-safe copy: NaN and ±Infinity become null, as they would in any exported file. */
const plain = (value: unknown): Json => JSON.parse(JSON.stringify(value ?? null)) as Json;

/** A series kept only when every value is finite, so stored curves survive export and import. */
function series(values: (number | null)[]): number[] | null {
  return values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v)) ? (values as number[]) : null;
}

/** The per-epoch series a run stores, from its epochs (a Train-stage run's or an imported run's history). */
export function curvesOf(epochs: readonly TrainedRunLike['epochs'][number][]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const pick: [string, (e: TrainedRunLike['epochs'][number]) => number | null][] = [
    ['loss', (e) => e.loss],
    ['val_loss', (e) => e.valLoss],
    ['metric', (e) => e.metric],
    ['val_metric', (e) => e.valMetric],
  ];
  for (const [name, get] of pick) {
    const s = series(epochs.map(get));
    if (s) out[name] = s;
  }
  return out;
}

/** The files a later stage needs to score with the model: its weights or parameters and the fitted recipe. */
function artifacts(run: TrainedRunLike): ArtifactInput[] {
  const result = run.result?.result;
  if (!result) return [];
  const text = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const { files, ...model } = result.model;
  const out: ArtifactInput[] = [{ name: 'fitted-recipe.json', bytes: text(result.fitted) }, { name: 'model-meta.json', bytes: text(model) }];
  if (files) out.push({ name: 'model.json', bytes: new TextEncoder().encode(files.modelJson) }, { name: 'weights.bin', bytes: files.weights });
  return out;
}

/**
 * A `RunSink` for TrainState: every run is recorded when it starts (on the dataset `describe`
 * returns, stored once by fingerprint) and saved whole when it ends, failed and cancelled ones too,
 * with its training record (split, the drift profile from `profile` when it describes that dataset,
 * baseline metrics, the whole result). Registry failures never stop training; they show as `registry.error`.
 */
export function registrySink(registry: Registry, describe: () => Promise<NewDataset>, profile: () => Report | null = () => null) {
  const started = new Map<string, Promise<string | null>>();
  const data = new Map<string, NewDataset>();
  return {
    names: () => registry.runs.map((r) => r.name),
    started(run: TrainedRunLike): Promise<void> {
      const recorded = (async () => {
        try {
          const described = await describe();
          data.set(run.id, described);
          const datasetId = await registry.rememberDataset(described);
          const spec = run.spec as { seed?: unknown };
          return await registry.startRun({
            id: run.id,
            ...(run.label ? { name: run.label } : {}),
            datasetId,
            recipe: plain(run.recipe),
            spec: plain(run.spec),
            seed: typeof spec.seed === 'number' ? spec.seed : 0,
            backend: run.backend ?? 'auto',
          });
        } catch (error) {
          registry.error = toUserError('This run is not being recorded in the registry', error);
          return null;
        }
      })();
      started.set(run.id, recorded);
      return recorded.then(() => undefined);
    },
    async finished(run: TrainedRunLike): Promise<void> {
      const id = await started.get(run.id);
      const described = data.get(run.id);
      started.delete(run.id);
      data.delete(run.id);
      if (!id || run.status === 'running') return;
      const result = run.result?.result;
      const trainedOn = described && { fingerprint: described.fingerprint, rows: described.rows, name: described.name };
      try {
        await registry.finishRun(
          id,
          {
            status: run.status,
            metrics: result ? (plain(result.metrics) as Record<string, Json>) : {},
            curves: curvesOf(run.epochs),
            ...(run.error ? { error: run.error } : {}),
            ...(run.backend ? { backend: run.backend } : {}),
            ...(result ? { evaluation: plain(result.report) } : {}),
            ...(result && trainedOn ? { training: runTrainingOf(result, trainedOn, profileOf(profile(), trainedOn, result.fitted)) } : {}),
          },
          artifacts(run),
        );
      } catch (error) {
        registry.error = toUserError('The finished run could not be saved', error);
      }
    },
  };
}
