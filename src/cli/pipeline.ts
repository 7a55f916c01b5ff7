/**
 * `modelbench pipeline run pipeline.json`
 *
 * Retrains the experiment the file describes, exports the bundle, gates it against the registry's
 * alias (champion by default) and, on a pass, registers it and moves the alias; the gate's verdict
 * and every change land in the registry's audit log. Exit codes are the gate's: 0 released,
 * 1 refused, 3 inconclusive, 2 invalid input or a failed step.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { gateJunit, gateMarkdown, type GateReport } from '../core/gate';
import { optionFlags, parsePipeline, type PipelineSpec } from '../core/pipeline';
import { exportCommand } from './export';
import { fileErrorMessage } from './fileError';
import { readFlags } from './flags';
import { runGate } from './gate';
import { versionSource } from './registry';
import { withRegistryLock } from './registryFiles';
import { appendAudit, isDirectory, registerVersion, resolveRegistryVersion } from './registryStore';
import { trainCommand } from './train';

export const USAGE = 'Usage: modelbench pipeline run pipeline.json';

/** Paths in the file are relative to the file; objects given inline are written beside the outputs. */
async function resolved(spec: PipelineSpec, base: string) {
  const at = (p: string) => resolve(base, p);
  const out = at(spec.out);
  await mkdir(out, { recursive: true });
  const inline = async (value: string | Record<string, unknown> | null, name: string) => {
    if (value === null) return undefined;
    if (typeof value === 'string') return at(value);
    await writeFile(join(out, name), JSON.stringify(value, null, 2));
    return join(out, name);
  };
  return { data: at(spec.data), test: at(spec.test), registry: at(spec.registry), out, recipe: await inline(spec.recipe, 'recipe.json'), policy: await inline(spec.policy, 'gate.json') };
}

/** The champion as name@version, or null when the registry has no such alias yet (the first release). */
async function championOf(registry: string, spec: PipelineSpec): Promise<string | null> {
  if (!(await isDirectory(registry))) return null;
  return resolveRegistryVersion(registry, `${spec.name}@${spec.alias}`).then(
    (found) => `${found.name}@${found.version}`,
    (e: Error) => (/has no (model|alias|versions)|not a registry folder/.test(e.message) ? null : Promise.reject(e)),
  );
}

async function step(name: string, code: Promise<number>): Promise<void> {
  const exit = await code;
  if (exit !== 0) throw new RangeError(`The ${name} step failed (exit ${exit}); its message is above.`);
}

export async function pipelineCommand(argv: string[]): Promise<number> {
  try {
    readFlags(argv, [], USAGE);
    if (argv[0] !== 'run' || argv.length !== 2) throw new RangeError(`${argv[0] === 'run' ? 'Name one pipeline file.' : `Unknown pipeline command "${argv[0] ?? ''}".`} ${USAGE}`);
    const file = argv[1];
    const spec = parsePipeline(await readFile(file, 'utf8'), file);
    const paths = await resolved(spec, dirname(resolve(file)));
    const runDir = join(paths.out, 'run');
    const bundle = join(paths.out, 'bundle.zip');
    await step('train', trainCommand([paths.data, '--target', spec.target, '--test', paths.test, '--model', spec.model.kind, ...optionFlags(spec.model.options), '--seed', String(spec.seed), '--out', runDir, '--quiet', ...(paths.recipe ? ['--recipe', paths.recipe] : [])]));
    await step('export', exportCommand([runDir, '--out', bundle, '--name', spec.name]));
    const champion = await championOf(paths.registry, spec);
    let report: GateReport | null = null;
    if (champion) {
      report = await runGate({ champion, challenger: bundle, test: paths.test, registry: paths.registry, ...(paths.policy ? { policy: paths.policy } : {}) });
      await writeFile(join(paths.out, 'report.md'), gateMarkdown(report));
      await writeFile(join(paths.out, 'junit.xml'), gateJunit(report));
    } else {
      await writeFile(join(paths.out, 'report.md'), `<!-- modelbench-gate -->\n## Model gate\n\nThe registry has no ${spec.name}@${spec.alias} yet: this first version is released without a comparison.\n`);
    }
    const verdict = report?.verdict ?? 'pass';
    const checks = report ? Object.fromEntries(report.checks.map((c) => [c.id, c.status])) : {};
    let registered: string | null = null;
    if (verdict === 'pass') {
      const source = await versionSource(runDir, spec.name, new Uint8Array(await readFile(bundle)));
      const record = await registerVersion(paths.registry, { name: spec.name, ...source, lineage: { ...source.lineage, pipeline: file }, alias: spec.alias });
      registered = `${record.name}@${record.version}`;
      await withRegistryLock(paths.registry, () => appendAudit(paths.registry, { action: 'gate', model: spec.name, version: record.version, detail: { verdict, champion, checks, pipeline: file } }));
    } else {
      await withRegistryLock(paths.registry, () => appendAudit(paths.registry, { action: 'gate', model: spec.name, detail: { verdict, champion, checks, pipeline: file, refused: true } }));
    }
    console.log(JSON.stringify({ verdict, champion, registered, alias: registered ? spec.alias : null, bundle, report: join(paths.out, 'report.md'), ...(report ? { junit: join(paths.out, 'junit.xml') } : {}), checks }));
    return report?.exitCode ?? 0;
  } catch (e) {
    console.error(`Pipeline stopped: ${fileErrorMessage(e) ?? (e instanceof Error ? e.message : String(e))}`);
    if (process.env.MODELBENCH_DEBUG && e instanceof Error) console.error(e.stack);
    return 2;
  }
}
