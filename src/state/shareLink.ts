import { parseRecipe } from '../core/recipe/page';
import type { Recipe } from '../core/recipe';
import { MODELS, type ModelKind, type ModelSpec } from '../core/models/catalog';

/**
 * An experiment in a URL: the sample (or, for the user's own file, only its name — never data), the
 * recipe, the model spec with its seed, and the backend. Opening the link on another machine trains
 * the same thing again; on CPU/WASM the metrics match.
 */
export interface ExperimentLink {
  sample?: string;
  fileName?: string;
  recipe: Recipe;
  spec: ModelSpec;
  backend?: 'auto' | 'wasm' | 'cpu' | 'webgl' | 'webgpu';
}

const toBase64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const fromBase64Url = (text: string) => Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));

export function experimentUrl(link: ExperimentLink, base: string): string {
  const url = new URL(base);
  url.search = '';
  url.hash = '';
  if (link.sample) url.searchParams.set('sample', link.sample);
  const { sample: _s, ...rest } = link;
  url.searchParams.set('exp', toBase64Url(new TextEncoder().encode(JSON.stringify(rest))));
  return url.href;
}

/** Reads and validates the `exp` parameter; a bad link explains what is wrong rather than half-applying. */
export function readExperiment(params: URLSearchParams): ExperimentLink | null {
  const raw = params.get('exp');
  if (!raw) return null;
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(new TextDecoder().decode(fromBase64Url(raw)));
  } catch {
    throw new Error('This experiment link is damaged (its "exp" part could not be decoded). Ask for the link again.');
  }
  const recipe = parseRecipe(json.recipe, 'The experiment link');
  const spec = json.spec as ModelSpec | undefined;
  if (!spec || typeof spec !== 'object' || !(spec.kind in MODELS)) {
    throw new Error(`The experiment link names an unknown model kind ${JSON.stringify(spec?.kind)}; expected one of ${Object.keys(MODELS).join(', ')}.`);
  }
  const backend = typeof json.backend === 'string' && ['auto', 'wasm', 'cpu', 'webgl', 'webgpu'].includes(json.backend) ? (json.backend as ExperimentLink['backend']) : undefined;
  return {
    ...(params.get('sample') ? { sample: params.get('sample')! } : {}),
    ...(typeof json.fileName === 'string' ? { fileName: json.fileName } : {}),
    recipe,
    spec: { kind: spec.kind as ModelKind, options: spec.options ?? {}, seed: Number(spec.seed ?? 0) },
    ...(backend ? { backend } : {}),
  };
}
