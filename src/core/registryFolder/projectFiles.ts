/**
 * Projects in a registry folder: `projects/<id>.json`, each the project with the fingerprints of its
 * datasets, so another studio finds them again under its own dataset ids. Both sides keep the newer
 * copy of a project (by when it last changed); equal content is left alone.
 */
import { readProject, ProjectError, type Project, type ProjectEvent } from '../project';
import type { AuditEntry } from './auditLog';

const PROJECT_FORMAT = 'modelbench-project';
const PROJECT_PATH = /^((?:[^/]+\/)?)projects\/([A-Za-z0-9-]{1,100})\.json$/;

/** A project as a folder keeps it: dataset ids travel with the fingerprints that find them elsewhere. */
export interface FolderProject {
  project: Project;
  /** SHA-256 (hex) of each dataset's bytes, by the dataset id the project names. */
  datasets: Record<string, string>;
}

/** The path of a project's file, or null when its id cannot be a file name (it stays in the studio). */
export function projectPath(id: string): string | null {
  const path = `projects/${id}.json`;
  return PROJECT_PATH.test(path) ? path : null;
}

export function projectFileBytes(entry: FolderProject): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify({ format: PROJECT_FORMAT, ...entry }, null, 1)}\n`);
}

/** Every project file of a folder (by path, at its top or one folder down as in a zip), with a sentence for each that cannot be read. */
export function readProjectFiles(files: Record<string, Uint8Array>): { projects: FolderProject[]; problems: string[] } {
  const projects: FolderProject[] = [];
  const problems: string[] = [];
  for (const [path, bytes] of Object.entries(files)) {
    if (!PROJECT_PATH.test(path)) continue;
    try {
      const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as { format?: unknown; project?: unknown; datasets?: unknown };
      if (value.format !== PROJECT_FORMAT) throw new ProjectError(`it does not name the ${PROJECT_FORMAT} format`);
      const datasets = value.datasets && typeof value.datasets === 'object' ? Object.entries(value.datasets).filter((e): e is [string, string] => typeof e[1] === 'string' && /^[0-9a-f]{64}$/.test(e[1])) : [];
      projects.push({ project: readProject(value.project, `${path}: project`), datasets: Object.fromEntries(datasets) });
    } catch (error) {
      problems.push(`${path} was left out: ${error instanceof SyntaxError ? 'it is not JSON' : (error as Error).message}. Export the project again from the studio.`);
    }
  }
  return { projects, problems };
}

/** True when `incoming` should replace `current` (none, or older and different). */
export function replacesProject(incoming: Project, current: Project | undefined): boolean {
  if (!current) return true;
  return incoming.updatedAt > current.updatedAt && JSON.stringify(incoming) !== JSON.stringify(current);
}

/**
 * The release gate's verdicts in a folder's audit log (written by `modelbench pipeline run`) as
 * project evidence: when, which version, and whether it passed.
 */
export function gateEvents(entries: readonly AuditEntry[]): Extract<ProjectEvent, { kind: 'gate' }>[] {
  return entries.flatMap((e) => {
    const at = Date.parse(e.at);
    const detail = e.detail ?? {};
    if (e.action !== 'gate' || !Number.isFinite(at) || typeof detail.verdict !== 'string') return [];
    const pipeline = typeof detail.pipeline === 'string' ? detail.pipeline : 'a pipeline';
    const source = detail.champion === null ? `${pipeline}, the first version: nothing to compare with yet` : `${pipeline}, against ${typeof detail.champion === 'string' ? detail.champion : 'the champion'}`;
    return [{ kind: 'gate' as const, at, model: e.model, version: e.version === undefined ? 'not registered' : String(e.version), pass: detail.verdict === 'pass', source }];
  });
}
