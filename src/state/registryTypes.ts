import type { Json, RunRecord, VersionRecord } from '../storage';
import type { RunTraining } from '../core/run';

/** Options for `Registry`; the defaults are the app's. Tests give a fresh name and channel. */
export interface RegistryOptions {
  /** IndexedDB database name. Default `modelbench`. */
  name?: string;
  /** BroadcastChannel for change messages between tabs. Default `modelbench`. */
  channel?: string;
  /** Milliseconds between heartbeats of a running run. Default 5,000. */
  heartbeatMs?: number;
}

/** What `finishRun` stores: the run's outcome. `evaluation` lands in `metrics.evaluation`. */
export interface RunOutcome {
  status: 'completed' | 'failed' | 'cancelled';
  metrics: Record<string, Json>;
  curves: Record<string, number[]>;
  error?: string;
  evaluation?: Json;
  /** The backend the run actually trained on; replaces the `auto` recorded at the start. */
  backend?: string;
  /** How it was trained (split, drift profile, baseline metrics, whole result); completed runs only. */
  training?: RunTraining;
}

/** Set by "Reproduce" on a version; the Train stage reads it, trains the same recipe/spec/seed and clears it. */
export interface ReproduceRequest {
  model: string;
  version: number;
  runId: string;
  datasetId: string | null;
  recipe: Json;
  spec: Json;
  seed: number;
  requestedAt: number;
}

/** What "Reproduce" hands the Train stage for `version`, whose run may be gone (then no dataset). */
export function reproduceRequestOf(version: VersionRecord, run: RunRecord | undefined): ReproduceRequest {
  return { model: version.model, version: version.version, runId: version.runId, datasetId: run?.datasetId ?? null, recipe: version.recipe, spec: version.spec, seed: version.seed ?? run?.seed ?? 0, requestedAt: Date.now() };
}

/** What "Forget everything" found afterwards. `clean` is true when every place is empty. */
export interface ForgetCheck {
  databases: string[];
  caches: string[];
  localStorage: number;
  sessionStorage: number;
  clean: boolean;
}
