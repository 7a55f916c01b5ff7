/** Which of the studio's records belong to a project: its datasets, their runs, those runs' versions. */
import type { Project, ProjectFacts } from './types';

export function scopeFacts(project: Project, facts: ProjectFacts): ProjectFacts {
  const datasets = new Set(project.datasetIds);
  const runs = facts.runs.filter((r) => datasets.has(r.datasetId));
  const runIds = new Set(runs.map((r) => r.id));
  return { datasets: facts.datasets.filter((d) => datasets.has(d.id)), runs, versions: facts.versions.filter((v) => runIds.has(v.runId)) };
}

/**
 * The datasets `active` should take on: every stored dataset no project claims yet. Work done while
 * a project is open lands in it, and a newcomer's single project simply holds everything.
 */
export function unclaimedDatasets(projects: readonly Project[], facts: ProjectFacts): string[] {
  const claimed = new Set(projects.flatMap((p) => p.datasetIds));
  return facts.datasets.filter((d) => !claimed.has(d.id)).map((d) => d.id);
}
