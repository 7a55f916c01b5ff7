import { AUDIT_FILE, gateEvents, projectFileBytes, projectPath, readAuditLog, readProjectFiles, replacesProject } from '../core/registryFolder';
import type { Project } from '../core/project';
import type { StudioDb } from './db';
import { listProjects, putProject } from './projects';

/**
 * The project files a registry folder export writes: each studio project the folder lacks or holds
 * an older copy of (`existing`: the folder's files, null for a new folder).
 */
export async function exportFolderProjects(db: StudioDb, existing: Record<string, Uint8Array> | null): Promise<Record<string, Uint8Array>> {
  const inFolder = new Map(readProjectFiles(existing ?? {}).projects.map((e) => [e.project.id, e.project]));
  const fingerprints = new Map((await db.getAll('datasets')).map((d) => [d.id, d.fingerprint]));
  const writes: Record<string, Uint8Array> = {};
  for (const project of await listProjects(db)) {
    const path = projectPath(project.id);
    if (!path || !replacesProject(project, inFolder.get(project.id))) continue;
    const datasets = Object.fromEntries(project.datasetIds.flatMap((id) => (fingerprints.has(id) ? [[id, fingerprints.get(id)!]] : [])));
    writes[path] = projectFileBytes({ project, datasets });
  }
  return writes;
}

/** audit.ndjson of a folder read by path, at its top or one folder down (a zip). */
function auditText(files: Record<string, Uint8Array>): string {
  const path = Object.keys(files).find((p) => p === AUDIT_FILE || (p.endsWith(`/${AUDIT_FILE}`) && p.split('/').length === 2));
  return path ? new TextDecoder().decode(files[path]) : '';
}

/**
 * Brings a registry folder's projects into the studio after its versions (whose datasets they may
 * name): new ones are added and older copies replaced, each dataset found by its fingerprint. The
 * folder's gate verdicts become evidence of the projects holding that model (else of the most
 * recently changed project, which takes on the new datasets). Returns the projects taken and the
 * files that could not be read.
 */
export async function importFolderProjects(db: StudioDb, files: Record<string, Uint8Array>): Promise<{ imported: string[]; problems: string[] }> {
  const { projects, problems } = readProjectFiles(files);
  const local = new Map((await listProjects(db)).map((p) => [p.id, p]));
  const datasets = await db.getAll('datasets');
  const imported: string[] = [];
  for (const { project, datasets: prints } of projects) {
    if (!replacesProject(project, local.get(project.id))) continue;
    const here = (id: string) => (datasets.some((d) => d.id === id) ? id : (datasets.find((d) => d.fingerprint === prints[id])?.id ?? id));
    const taken = { ...project, datasetIds: [...new Set(project.datasetIds.map(here))] };
    await putProject(db, taken);
    local.set(taken.id, taken);
    imported.push(project.name);
  }
  await addGateEvidence(db, [...local.values()], gateEvents(readAuditLog(auditText(files)).entries));
  return { imported, problems };
}

async function addGateEvidence(db: StudioDb, projects: Project[], gates: ReturnType<typeof gateEvents>): Promise<void> {
  if (gates.length === 0 || projects.length === 0) return;
  const runs = await db.getAll('runs');
  const versions = await db.getAll('versions');
  const datasetsOf = (model: string) => new Set(versions.filter((v) => v.model === model).flatMap((v) => runs.filter((r) => r.id === v.runId).map((r) => r.datasetId)));
  const latest = projects.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
  const added = new Map<string, Project>();
  for (const gate of gates) {
    const mine = projects.filter((p) => p.datasetIds.some((id) => datasetsOf(gate.model).has(id)));
    for (const target of mine.length ? mine : [latest]) {
      const current = added.get(target.id) ?? target;
      if (current.events.some((e) => e.kind === 'gate' && e.at === gate.at && e.model === gate.model && e.version === gate.version)) continue;
      added.set(target.id, { ...current, events: [...current.events, gate] });
    }
  }
  for (const p of added.values()) await putProject(db, p);
}
