import type { Project } from '../core/project';
import type { StudioDb } from './db';
import { notifyChange } from './changes';
import { writeTx } from './transact';

/** Every project, the most recently changed first. */
export async function listProjects(db: StudioDb): Promise<Project[]> {
  return (await db.getAllFromIndex('projects', 'by-updated')).reverse();
}

/** Stores `project` whole (a project is small: its charter, evidence events and ticks). */
export async function putProject(db: StudioDb, project: Project): Promise<void> {
  await writeTx(db, ['projects'], `project "${project.name}"`, async (tx) => {
    await tx.objectStore('projects').put(project);
  });
  notifyChange(db, { kind: 'project', verb: 'putProject', ids: [project.id] });
}
