/**
 * `modelbench registry list|show|register|alias|tag|history --registry DIR`: a registry folder
 * beside the code (see core/registryFolder for its layout). Prints JSON on stdout.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { verifyBundle, type Preprocess } from '../core/deploy';
import { AUDIT_FILE, checkName, parseVersionRef, readAuditLog, resolveRef } from '../core/registryFolder';
import type { RunFile } from '../core/run';
import { readFlags } from './flags';
import { readRunDirectory } from './readRunDirectory';
import { bundleOfRun } from './runBundle';
import { isDirectory, modelNames, openRegistry, readModel, readVersion, registerVersion, updateModel, verifyVersion, versionNumbers, type NewVersion } from './registryStore';

export const USAGE = `Usage: modelbench registry list|show|register|alias|tag|history --registry DIR …
  modelbench registry list --registry DIR
  modelbench registry show NAME[@VERSION|@ALIAS] --registry DIR
  modelbench registry register <run-dir|bundle.zip> --name NAME [--alias ALIAS] [--tag KEY=VALUE] [--note TEXT] --registry DIR
  modelbench registry alias NAME@VERSION ALIAS --registry DIR
  modelbench registry tag NAME@VERSION KEY=VALUE [--note TEXT] --registry DIR
  modelbench registry history [NAME] --registry DIR`;

const SUBCOMMANDS = ['list', 'show', 'register', 'alias', 'tag', 'history'] as const;
const print = (value: unknown) => console.log(JSON.stringify(value));

function keyValue(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq < 1) throw new RangeError(`The tag "${text}" must read KEY=VALUE, e.g. dataset=2026-06.`);
  return [checkName(text.slice(0, eq), 'tag key'), text.slice(eq + 1)];
}

/** What `register` stores from a run directory (its run files and the bundle `exported` from it, else built now) or a bundle zip. */
export async function versionSource(source: string, name: string, exported?: Uint8Array): Promise<Omit<NewVersion, 'name' | 'alias' | 'tags' | 'note'>> {
  if (await isDirectory(source)) {
    const run: RunFile = await readRunDirectory(source);
    const runFiles: Record<string, Uint8Array> = {};
    for (const file of await readdir(source)) if (/^(run\.json|model\.json|weights\.bin|trees\.json|baseline\.json)$/.test(file)) runFiles[`run/${file}`] = new Uint8Array(await readFile(join(source, file)));
    return {
      files: (version) => ({ 'bundle.zip': exported ?? bundleOfRun(run, name, version), ...runFiles }),
      task: run.fitted.task,
      target: run.fitted.target,
      metrics: run.metrics,
      lineage: { source: `run directory ${basename(resolve(source))}`, spec: run.spec, seed: run.seed, ...(run.data ? { data: { name: run.data.name, fingerprint: run.data.fingerprint ?? null, rows: run.data.rows } } : {}) },
    };
  }
  const zip = new Uint8Array(await readFile(source));
  const check = verifyBundle(zip);
  if (!check.ok) throw new RangeError(`${source} is not a sound bundle:\n  ${check.problems.join('\n  ')}\nExport it again with modelbench export.`);
  const preprocess = JSON.parse(new TextDecoder().decode(unzipSync(zip)['preprocess.json'])) as Preprocess;
  return { files: () => ({ 'bundle.zip': zip }), task: preprocess.task, target: preprocess.target, metrics: {}, lineage: { source: `bundle ${basename(source)}` } };
}

/** Prints a version with its aliases, tags and note; returns 1 when a file no longer matches its hash. */
async function show(dir: string, text: string): Promise<number> {
  await openRegistry(dir);
  const { name, ref } = parseVersionRef(text);
  const model = await readModel(dir, name);
  const versions = await versionNumbers(dir, name);
  if (versions.length === 0) throw new RangeError(`The registry ${dir} has no model "${name}"; \`modelbench registry list\` shows what it has.`);
  const version = resolveRef(model, versions, ref);
  const record = await readVersion(dir, name, version);
  const problems = await verifyVersion(dir, record);
  const aliases = Object.entries(model.aliases).filter(([, v]) => v === version).map(([a]) => a);
  print({ ...record, aliases, tags: model.tags[version] ?? {}, note: model.notes[version] ?? null, intact: problems.length === 0, problems });
  for (const p of problems) console.error(p);
  return problems.length ? 1 : 0;
}

async function list(dir: string): Promise<void> {
  await openRegistry(dir);
  const models = [];
  for (const name of await modelNames(dir)) {
    const model = await readModel(dir, name);
    models.push({ name, versions: await versionNumbers(dir, name), aliases: model.aliases });
  }
  print({ registry: dir, models });
}

async function history(dir: string, name: string | undefined): Promise<number> {
  await openRegistry(dir);
  const log = await readFile(join(dir, AUDIT_FILE), 'utf8').catch(() => '');
  const { entries, problems } = readAuditLog(log);
  for (const entry of entries) if (!name || entry.model === name) print(entry);
  for (const p of problems) console.error(p);
  return problems.length ? 1 : 0;
}

export async function registryCommand(argv: string[]): Promise<number> {
  const { flags, positional: [sub, ...positional] } = readFlags(argv, ['registry', 'name', 'alias', 'tag', 'note'], USAGE);
  if (!SUBCOMMANDS.includes(sub as (typeof SUBCOMMANDS)[number])) throw new RangeError(`${sub ? `Unknown registry command "${sub}".` : 'Name a registry command.'} ${USAGE}`);
  const dir = flags.registry;
  if (!dir) throw new RangeError(`--registry DIR is required: the registry folder. ${USAGE}`);
  const want = (count: number, what: string) => {
    if (positional.length !== count) throw new RangeError(`registry ${sub} takes ${what}; got ${positional.length ? positional.join(', ') : 'nothing'}. ${USAGE}`);
  };
  switch (sub) {
    case 'list':
      want(0, 'no arguments');
      await list(dir);
      return 0;
    case 'show':
      want(1, 'one model, e.g. churn@champion');
      return show(dir, positional[0]);
    case 'history':
      if (positional.length > 1) want(1, 'at most one model name');
      return history(dir, positional[0] && checkName(positional[0], 'model name'));
    case 'register': {
      want(1, 'one run directory or bundle.zip');
      if (!flags.name) throw new RangeError(`--name NAME is required: the model the version belongs to. ${USAGE}`);
      const name = checkName(flags.name, 'model name');
      const tags = flags.tag ? Object.fromEntries([keyValue(flags.tag)]) : undefined;
      const source = await versionSource(positional[0], name);
      const record = await registerVersion(dir, { name, ...source, ...(flags.alias ? { alias: checkName(flags.alias, 'alias') } : {}), ...(tags ? { tags } : {}), ...(flags.note ? { note: flags.note } : {}) });
      print({ registered: `${record.name}@${record.version}`, version: record.version, contentHash: record.contentHash, ...(flags.alias ? { alias: flags.alias } : {}) });
      return 0;
    }
    case 'alias': {
      want(2, 'a version and an alias, e.g. churn@3 champion');
      const alias = checkName(positional[1], 'alias');
      const { version, model } = await updateModel(dir, positional[0], (m, v) => {
        const from = m.aliases[alias] ?? null;
        m.aliases[alias] = v;
        return { action: 'alias', alias, from };
      });
      print({ model: model.name, alias, version });
      return 0;
    }
    default: {
      want(2, 'a version and KEY=VALUE, e.g. churn@3 reviewed=yes');
      const [key, value] = keyValue(positional[1]);
      const { version, model } = await updateModel(dir, positional[0], (m, v) => {
        m.tags[v] = { ...m.tags[v], [key]: value };
        if (flags.note) m.notes[v] = flags.note;
        return { action: 'tag', detail: { tags: { [key]: value }, ...(flags.note ? { note: flags.note } : {}) } };
      });
      print({ model: model.name, version, tags: model.tags[version], ...(flags.note ? { note: flags.note } : {}) });
      return 0;
    }
  }
}
