/**
 * `modelbench serve <bundle.zip | bundle folder | run-dir> [--port 8080] [--host 127.0.0.1] …`
 *
 * Runs the scoring server of src/core/serve (the same functions a bundle's serve.mjs carries) with
 * Node's http module injected: a zip is checked against its manifest and unzipped to a temporary
 * folder, an unzipped bundle folder is checked in place, and a run directory is bundled in memory
 * first. Stops on SIGTERM/SIGINT after in-flight requests finish.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync, zipSync } from 'fflate';
import { nearestName } from '../core/format';
import { verifyBundle, type Manifest } from '../core/deploy';
import { clusterPrimary, clusterWorker, runServer, parseServeArgs, servedModel, SERVE_FLAGS, SERVE_PARTS, SERVER_VERSION, type BundleScorer, type ServedModel, type ServeOptions } from '../core/serve';
import { readRunDirectory } from './readRunDirectory';
import { abProblems, abSetup, decisionLog } from './serveAb';
import { bundleOfRun } from './runBundle';

export const USAGE = `Usage: modelbench serve <bundle.zip | ab.zip | bundle folder | run-dir> ${SERVE_FLAGS}`;

/** A bundle's files on disk (scorer.mjs must be imported from a file), and how to tidy up. */
interface BundleOnDisk {
  dir: string;
  files: Record<string, Uint8Array>;
  cleanup: () => Promise<void>;
}

async function filesOf(dir: string, prefix = ''): Promise<Record<string, Uint8Array>> {
  const out: Record<string, Uint8Array> = {};
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, await filesOf(dir, path));
    else if (entry.isFile()) out[path] = new Uint8Array(await readFile(join(dir, path)));
  }
  return out;
}

async function unpacked(files: Record<string, Uint8Array>): Promise<BundleOnDisk> {
  const dir = await mkdtemp(join(tmpdir(), 'modelbench-serve-'));
  for (const [path, bytes] of Object.entries(files)) {
    const parts = path.split('/');
    if (parts.some((p) => p === '..' || p === '')) continue;
    if (parts.length > 1) await mkdir(join(dir, ...parts.slice(0, -1)), { recursive: true });
    await writeFile(join(dir, ...parts), bytes);
  }
  return { dir, files, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The bundle behind `target`, checked against its manifest; throws an Error saying what to do when it is none. */
export async function bundleOnDisk(target: string): Promise<BundleOnDisk> {
  const info = await stat(target);
  if (info.isDirectory()) {
    const names = await readdir(target);
    if (names.includes('run.json')) {
      const run = await readRunDirectory(target);
      return unpacked(unzipSync(bundleOfRun(run, basename(resolve(target)), 1)));
    }
    if (!names.includes('manifest.json') && !names.includes('router.json')) throw new Error(`${target} holds neither a bundle (manifest.json, scorer.mjs…), an A/B bundle (router.json) nor a run (run.json); name a bundle .zip, its unzipped folder or a run directory.`);
    const files = await filesOf(target);
    const problems = integrity(files);
    if (problems.length) throw new Error(`${target} failed its integrity check:\n  ${problems.join('\n  ')}\nUnzip the bundle again.`);
    return { dir: target, files, cleanup: async () => {} };
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(await readFile(target)));
  } catch (e) {
    if ((e as { code?: string }).code) throw e;
    throw new Error(`${target} is not a readable zip (${(e as Error).message}); name a bundle .zip, its unzipped folder or a run directory.`);
  }
  const problems = integrity(files);
  if (problems.length) throw new Error(`${target} failed its integrity check:\n  ${problems.join('\n  ')}\nExport the bundle again.`);
  return unpacked(files);
}

/** A model bundle's files checked against its manifest.json, an A/B bundle's variant by variant. */
function integrity(files: Record<string, Uint8Array>): string[] {
  if (files['router.json'] && !files['manifest.json']) return abProblems(files);
  return verifyBundle(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: 0 }]])))).problems;
}

/** The served model of a one-model bundle. */
async function singleSetup(bundle: BundleOnDisk): Promise<{ model: ServedModel; ab: null }> {
  const scorer = (await import(pathToFileURL(join(bundle.dir, 'scorer.mjs')).href)) as BundleScorer;
  const drift = bundle.files['drift.json'] ? json<NonNullable<ServedModel['drift']>>(bundle.files, 'drift.json') : null;
  return { model: servedModel(scorer, json<Manifest>(bundle.files, 'manifest.json'), json(bundle.files, 'preprocess.json'), drift), ab: null };
}

const json = <T>(files: Record<string, Uint8Array>, name: string): T => JSON.parse(new TextDecoder().decode(files[name])) as T;

export async function serveCommand(argv: string[]): Promise<number> {
  let options: ServeOptions;
  let target: string;
  try {
    const parsed = parseServeArgs(argv, USAGE, nearestName);
    if (parsed.positional.length !== 1) throw new Error(`${parsed.positional.length ? `Expected one bundle, got ${parsed.positional.join(', ')}.` : 'Name the bundle (.zip), its unzipped folder or a run directory.'} ${USAGE}`);
    options = parsed.options;
    target = parsed.positional[0];
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const event = (name: string, extra: Record<string, unknown>) => void process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event: name, ...extra })}\n`);
  const cluster = options.workers > 1 ? (await import('node:cluster')).default : null;
  let bundle: BundleOnDisk;
  try {
    bundle = await bundleOnDisk(target);
  } catch (e) {
    if ((e as { code?: string }).code) throw e;
    console.error((e as Error).message);
    return 1;
  }
  if (!bundle.files['router.json'] && !bundle.files['scorer.mjs']) {
    console.error(`${target} has no scorer.mjs: it is not a model bundle. ${USAGE}`);
    await bundle.cleanup();
    return 1;
  }
  if (cluster?.isPrimary) {
    // The primary only checks the bundle, keeps the decision log and runs the workers.
    const log = bundle.files['router.json'] ? decisionLog(options, event) : null;
    await bundle.cleanup();
    return clusterPrimary(cluster, process, options.workers, log, event);
  }
  const worker = cluster ? clusterWorker(process) : null;
  try {
    const { model, ab } = bundle.files['router.json'] ? await abSetup(bundle.dir, bundle.files, options, event, worker?.log ?? null) : await singleSetup(bundle);
    if (!ab && (options.decisionLog || options.adminToken)) console.error('--decision-log and --admin-token apply to A/B bundles (made by modelbench ab-bundle); this bundle serves one model, so they are ignored.');
    const server = await runServer(
      {
        http,
        signals: worker ? worker.signals : process,
        defer: setImmediate,
        log: (line) => void process.stdout.write(line),
        logError: (line) => void process.stderr.write(line),
        options,
        model,
        ab,
        serverVersion: SERVER_VERSION,
      },
      SERVE_PARTS,
    );
    await server.closed;
    // A worker's open IPC channel would keep it alive.
    if (worker) process.disconnect?.();
    return 0;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      console.error(`Cannot listen on ${options.host}:${options.port} (${code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'permission denied; ports below 1024 need privileges' : 'no such address on this machine'}); choose another --port or --host.`);
      return 1;
    }
    throw e;
  } finally {
    await bundle.cleanup();
  }
}
