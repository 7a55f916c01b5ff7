import { parseRecipe } from '../core/recipe/page';
import type { ModelSpec } from '../core/models';
import type { DatasetRecord } from '../storage';
import type { ExperimentLink } from './shareLink';
import type { ReproduceRequest } from './registryTypes';
import type { Dataset } from './studioTypes';
import { toUserError, type UserError } from './errors';

/**
 * The experiment that re-runs a registered version (its exact recipe, spec and seed on the WASM
 * backend, which is deterministic), or why it cannot run yet: the dataset it was trained on must be
 * open, and identity is the SHA-256 of the file's bytes.
 */
export async function versionLink(
  request: ReproduceRequest,
  datasets: readonly DatasetRecord[],
  dataset: Dataset | null,
  fingerprint: (d: Dataset) => Promise<string>,
): Promise<ExperimentLink | UserError> {
  const record = datasets.find((d) => d.id === request.datasetId);
  const open = dataset && record ? (await fingerprint(dataset)) === record.fingerprint : false;
  if (!dataset || !open) {
    return {
      title: `${request.model} v${request.version} needs its training data`,
      message: record
        ? `Open ${record.sourceFileName} (the same bytes: SHA-256 ${record.fingerprint.slice(0, 12)}…), then press Reproduce again.`
        : 'The dataset this version was trained on is no longer in the registry; open the same file, then press Reproduce again.',
    };
  }
  try {
    const recipe = parseRecipe(request.recipe, `${request.model} v${request.version}`);
    const spec = request.spec as unknown as ModelSpec;
    return { recipe, spec: { ...spec, seed: request.seed }, backend: 'wasm' };
  } catch (error) {
    return toUserError('This version cannot be reproduced', error);
  }
}
