/** "Automate this": a registered version's pipeline.json and CI files, downloaded as one zip. */
import { strToU8, zipSync } from 'fflate';
import { automationFiles } from '../core/pipeline';
import type { VersionRecord } from '../storage';
import { download } from './explore.svelte';
import type { Registry } from './registry.svelte';

/** How the exported workflows run the CLI by default: from the repository's own devDependencies. */
const CI = { cli: 'npx modelbench', node: '22' };

/** Downloads `<model>-automation.zip`: pipeline.json, the GitHub Actions workflow, .gitlab-ci.yml and AUTOMATE.md. */
export function downloadAutomation(registry: Registry, version: VersionRecord): void {
  const run = registry.runs.find((r) => r.id === version.runId);
  const dataset = run && registry.datasets.find((d) => d.id === run.datasetId);
  const recipe = version.recipe && typeof version.recipe === 'object' && !Array.isArray(version.recipe) ? (version.recipe as Record<string, unknown>) : null;
  const target = typeof recipe?.target === 'string' ? recipe.target : null;
  if (!target) throw new Error(`${version.model} v${version.version} has no recipe with a target, so no pipeline can retrain it; register a run trained in this studio or by modelbench train.`);
  const files = automationFiles(
    { model: version.model, dataFile: dataset?.sourceFileName || dataset?.name || 'data.csv', target, recipe, spec: (version.spec ?? {}) as { kind?: unknown; options?: unknown }, seed: version.seed },
    CI,
  );
  const folder = `${version.model.replace(/[^A-Za-z0-9._-]+/g, '-')}-automation`;
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [`${folder}/${path}`, strToU8(text)])));
  download(new Blob([zip as BlobPart], { type: 'application/zip' }), `${folder}.zip`);
}
