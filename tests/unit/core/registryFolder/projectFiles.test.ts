import { describe, expect, test } from 'vitest';
import { projectFileBytes, projectPath, readProjectFiles, replacesProject } from '../../../../src/core/registryFolder';
import { newProject } from '../../../../src/core/project';

const project = newProject('3f2a-9c', 'Churn', 1000);
const fp = 'ab'.repeat(32);

describe('project files in a registry folder', () => {
  test('a project reads back from its file, at the top or one folder down (a zip)', () => {
    const bytes = projectFileBytes({ project, datasets: { d1: fp } });
    expect(projectPath(project.id)).toBe('projects/3f2a-9c.json');
    expect(readProjectFiles({ 'projects/3f2a-9c.json': bytes, 'registry.json': new Uint8Array() })).toEqual({ projects: [{ project, datasets: { d1: fp } }], problems: [] });
    expect(readProjectFiles({ 'modelbench-registry/projects/3f2a-9c.json': bytes }).projects).toHaveLength(1);
  });

  test('an id that cannot be a file name gets no file', () => {
    expect(projectPath('../x')).toBeNull();
    expect(projectPath('a/b')).toBeNull();
  });

  test('a damaged file is left out with its path and a remedy; others still read', () => {
    const good = projectFileBytes({ project, datasets: {} });
    const { projects, problems } = readProjectFiles({
      'projects/a.json': new TextEncoder().encode('{'),
      'projects/b.json': new TextEncoder().encode(JSON.stringify({ format: 'other' })),
      'projects/c.json': new TextEncoder().encode(JSON.stringify({ format: 'modelbench-project', project: { ...project, charter: { ...project.charter, threshold: 7 } } })),
      'projects/3f2a-9c.json': good,
    });
    expect(projects).toHaveLength(1);
    expect(problems).toEqual([
      'projects/a.json was left out: it is not JSON. Export the project again from the studio.',
      'projects/b.json was left out: it does not name the modelbench-project format. Export the project again from the studio.',
      expect.stringMatching(/^projects\/c\.json was left out: projects\/c\.json: project\.charter\.threshold: The success threshold/),
    ]);
  });

  test('the newer copy wins; equal content or an older copy changes nothing', () => {
    const newer = { ...project, name: 'Renamed', updatedAt: 2000 };
    expect(replacesProject(project, undefined)).toBe(true);
    expect(replacesProject(newer, project)).toBe(true);
    expect(replacesProject(project, newer)).toBe(false);
    expect(replacesProject(project, { ...project })).toBe(false);
  });
});
