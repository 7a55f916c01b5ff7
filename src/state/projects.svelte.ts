import {
  charterProblems,
  MANUAL_ITEMS,
  newProject,
  projectBoard,
  projectFacts,
  unclaimedDatasets,
  type Charter,
  type CharterProblem,
  type DocumentKind,
  type Project,
  type ProjectEvent,
  type ProjectFacts,
} from '../core/project';
import type { Report } from '../core/profile';
import { dataSummaryOf } from '../core/project';
import { listProjects, putProject, type VersionRecord } from '../storage';
import { download } from './explore.svelte';
import { toUserError, type UserError } from './errors';
import { onProjectEvidence } from './projectEvidence';
import type { Registry } from './registry.svelte';

/** A problem with a charter field or with the project's name. */
export type FormProblem = CharterProblem | { field: 'name'; message: string };

const EMPTY: ProjectFacts = { datasets: [], runs: [], versions: [] };

/**
 * The studio's projects: the open one (made on first need, so a newcomer never meets a form), its
 * charter, the evidence the stages report (kept even while the Project page is closed) and its board,
 * judged on the registry's records. Every change is saved to IndexedDB at once.
 */
export class ProjectsState {
  projects = $state.raw<Project[]>([]);
  activeId = $state<string | null>(null);
  facts = $state.raw<ProjectFacts>(EMPTY);
  /** True while the Project page is shown instead of a stage. */
  open = $state(false);
  error = $state<UserError | null>(null);
  notice = $state<string | null>(null);
  readonly active: Project | null = $derived(this.projects.find((p) => p.id === this.activeId) ?? this.projects[0] ?? null);
  readonly board = $derived(this.active ? projectBoard(this.active, this.facts) : []);
  #versions: VersionRecord[] = [];
  #loading: Promise<Project> | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #registry: Registry;

  constructor(registry: Registry) {
    this.#registry = registry;
    onProjectEvidence((event) => void this.record(event));
  }

  /** Shows the Project page (address `#project`) in place of the current stage. */
  show(): void {
    this.open = true;
    if (location.hash !== '#project') history.replaceState(null, '', `${location.pathname}${location.search}#project`);
  }

  /** Reads the projects (making the first one when there is none) and the registry's records; the open project takes on unclaimed datasets. */
  refresh(): Promise<Project> {
    this.#loading ??= this.#serial(async () => {
      const db = await this.#registry.database();
      let projects = await listProjects(db);
      if (projects.length === 0) {
        const first = newProject(crypto.randomUUID(), 'My project', Date.now());
        await putProject(db, first);
        projects = [first];
      }
      this.#versions = await this.#registry.allVersions();
      this.facts = projectFacts({ datasets: this.#registry.datasets, runs: this.#registry.runs, versions: this.#versions });
      const active = projects.find((p) => p.id === this.activeId) ?? projects[0];
      const adopt = unclaimedDatasets(projects, this.facts);
      if (adopt.length) {
        const grown = { ...active, datasetIds: [...active.datasetIds, ...adopt], updatedAt: Date.now() };
        await putProject(db, grown);
        projects = projects.map((p) => (p.id === grown.id ? grown : p));
      }
      this.projects = projects;
      this.activeId = active.id;
      return projects.find((p) => p.id === active.id)!;
    }).finally(() => (this.#loading = null));
    return this.#loading;
  }

  /** Runs `work` after every earlier write, so two quick events never save over each other. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #update(change: (p: Project) => Project, what: string): Promise<boolean> {
    try {
      await this.refresh();
      return await this.#serial(async () => {
        const current = this.active;
        if (!current) return false;
        const next = { ...change(current), updatedAt: Date.now() };
        await putProject(await this.#registry.database(), next);
        this.projects = this.projects.map((p) => (p.id === next.id ? next : p));
        return true;
      });
    } catch (error) {
      this.error = toUserError(`${what} could not be saved`, error);
      return false;
    }
  }

  /** Saves the charter and the project's name; refuses (and says why) a charter with problems. */
  async saveCharter(name: string, charter: Charter): Promise<FormProblem[]> {
    const problems: FormProblem[] = charterProblems(charter);
    if (name.trim() === '') problems.push({ field: 'name', message: 'Give the project a name: it titles the documents.' });
    if (problems.length) return problems;
    if (await this.#update((p) => ({ ...p, name: name.trim(), charter }), 'The charter')) this.notice = 'Charter saved.';
    return [];
  }

  /** Ticks or unticks a manual item, with the person's note. */
  async tick(item: string, on: boolean, note = ''): Promise<void> {
    if (!MANUAL_ITEMS.has(item)) throw new Error(`"${item}" ticks itself from evidence; it cannot be ticked by hand.`);
    await this.#update((p) => ({ ...p, ticks: on ? [...p.ticks.filter((t) => t.item !== item), { item, at: Date.now(), note }] : p.ticks.filter((t) => t.item !== item) }), 'The tick');
  }

  /** Appends evidence a stage reported to the open project. */
  async record(event: ProjectEvent): Promise<void> {
    await this.#update((p) => ({ ...p, events: [...p.events, event] }), 'Evidence for the project');
  }

  /** Writes one document and saves it as a file; `report` is the exploration report open now, if any. */
  async download(kind: DocumentKind, format: 'md' | 'html', report: Report | null): Promise<void> {
    try {
      const project = await this.refresh();
      const { modelFactsOf, projectDocument } = await import('../core/project/documents');
      const ids = new Set(project.datasetIds);
      const runIds = new Set(this.#registry.runs.filter((r) => ids.has(r.datasetId)).map((r) => r.id));
      const mine = this.#versions.filter((v) => runIds.has(v.runId));
      const exported = project.events.flatMap((e) => (e.kind === 'bundle-exported' ? [e] : []));
      const last = exported[exported.length - 1];
      const version = mine.find((v) => last && v.model === last.model && String(v.version) === last.version) ?? mine.reduce<VersionRecord | undefined>((a, v) => (!a || v.createdAt > a.createdAt ? v : a), undefined);
      const run = version && this.#registry.runs.find((r) => r.id === version.runId);
      const dataset = run && this.#registry.datasets.find((d) => d.id === run.datasetId);
      const doc = projectDocument(kind, {
        project,
        facts: this.facts,
        summary: report ? dataSummaryOf(report) : null,
        model: version ? modelFactsOf(version, dataset ?? null) : null,
        now: Date.now(),
      });
      const blob = format === 'md' ? new Blob([doc.markdown], { type: 'text/markdown' }) : new Blob([doc.html], { type: 'text/html' });
      download(blob, `${doc.fileName}.${format}`);
    } catch (error) {
      this.error = toUserError('The document could not be written', error);
    }
  }
}
