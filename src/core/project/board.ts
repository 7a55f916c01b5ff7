/**
 * The progress board: TDSP's lifecycle stages, each with checklist items. Automatic items tick
 * from evidence the studio recorded (the earliest record that satisfies them, so the board says
 * when a milestone was first reached); manual items tick when a person says so.
 */
import { baselineMargin, primaryMetric } from '../evaluate';
import { metricName } from '../explain';
import { formatCount, formatDate, pct } from '../format';
import type { Task } from '../recipe';
import { scopeFacts } from './scope';
import type { BoardItem, BoardStage, Evidence, Project, ProjectFacts, ProjectEvent } from './types';

type Rule = (project: Project, facts: ProjectFacts) => Evidence | null;
interface ItemSpec {
  id: string;
  label: string;
  needs: string;
  rule?: Rule;
}

const first = <T extends { at: number }>(xs: T[]): T | undefined => xs.reduce<T | undefined>((a, b) => (a === undefined || b.at < a.at ? b : a), undefined);
const events = <K extends ProjectEvent['kind']>(p: Project, kind: K) => p.events.filter((e): e is Extract<ProjectEvent, { kind: K }> => e.kind === kind);
const quote = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);

/** The metric the charter judges a run by: its own choice, else the task's main metric. */
function charterMetric(project: Project, task: string | null): string | null {
  if (project.charter.metric !== '') return project.charter.metric;
  return task === 'binary' || task === 'multiclass' || task === 'regression' ? primaryMetric(task as Task) : null;
}

/** Runs that beat their baseline by the charter's threshold, with the share they improved by. */
export function runsBeatingThreshold(project: Project, facts: ProjectFacts): { run: ProjectFacts['runs'][number]; metric: string; relative: number }[] {
  const threshold = project.charter.threshold;
  if (threshold === null) return [];
  return facts.runs.flatMap((run) => {
    const metric = charterMetric(project, run.task);
    const model = metric ? run.metrics[metric] : undefined;
    const baseline = metric ? run.baselineMetrics?.[metric] : undefined;
    if (run.status !== 'completed' || !metric || model === undefined || baseline === undefined) return [];
    const { relative } = baselineMargin(metric, model, baseline);
    return relative >= threshold ? [{ run, metric, relative }] : [];
  });
}

const charterEvidence = (p: Project, words: string): Evidence => ({ at: p.updatedAt, words, link: '#project' });

const STAGES: { id: string; label: string; items: ItemSpec[] }[] = [
  {
    id: 'business',
    label: 'Business understanding',
    items: [
      { id: 'question', label: 'Business question written', needs: 'Write the question in the charter.', rule: (p) => (p.charter.question.trim() ? charterEvidence(p, `The charter asks: “${quote(p.charter.question.trim())}”`) : null) },
      {
        id: 'success',
        label: 'Success metric and threshold set',
        needs: 'Set a success threshold in the charter.',
        rule: (p) => (p.charter.threshold === null ? null : charterEvidence(p, `Success: ${p.charter.metric ? metricName(p.charter.metric) : 'the main metric'} at least ${pct(p.charter.threshold)} better than the baseline.`)),
      },
      { id: 'people', label: 'Stakeholders and data sources named', needs: 'Name the stakeholders and the data sources in the charter.', rule: (p) => (p.charter.stakeholders.trim() && p.charter.dataSources.trim() ? charterEvidence(p, `Stakeholders: ${quote(p.charter.stakeholders.trim())}.`) : null) },
      { id: 'agreed', label: 'Stakeholders agreed to the charter', needs: 'Tick it once they have.' },
    ],
  },
  {
    id: 'data',
    label: 'Data acquisition and understanding',
    items: [
      {
        id: 'dataset',
        label: 'Data in the studio',
        needs: 'Open a file or a sample and train on it.',
        rule: (_p, f) => {
          const d = first(f.datasets.map((x) => ({ ...x, at: x.createdAt })));
          return d ? { at: d.at, words: `${d.name}: ${formatCount(d.rows)} rows, ${d.columns} columns.`, link: '#models' } : null;
        },
      },
      {
        id: 'report',
        label: 'Data report downloaded',
        needs: 'Download the exploration report from Explore.',
        rule: (p) => {
          const e = first(events(p, 'data-report'));
          return e ? { at: e.at, words: `The exploration report of ${e.summary.name} was downloaded (${e.format.toUpperCase()}) on ${formatDate(e.at, { time: true })}.`, link: '#explore' } : null;
        },
      },
      { id: 'reviewed', label: 'Data quality reviewed with its owner', needs: 'Tick it once the data owner has seen the report.' },
    ],
  },
  {
    id: 'modeling',
    label: 'Modeling',
    items: [
      {
        id: 'trained',
        label: 'A model trained',
        needs: 'Train a model in Train.',
        rule: (_p, f) => {
          const r = first(f.runs.filter((x) => x.status === 'completed' && x.endedAt !== null).map((x) => ({ ...x, at: x.endedAt! })));
          return r ? { at: r.at, words: `${r.label} finished training on ${formatDate(r.at, { time: true })}.`, link: '#models' } : null;
        },
      },
      {
        id: 'baseline',
        label: 'Baseline beaten by the success threshold',
        needs: 'Set the threshold in the charter, then train a model that beats its baseline by it.',
        rule: (p, f) => {
          const hit = first(runsBeatingThreshold(p, f).map((h) => ({ ...h, at: h.run.endedAt ?? 0 })));
          return hit ? { at: hit.at, words: `${hit.run.label}: ${metricName(hit.metric)} ${pct(hit.relative)} better than its baseline (the threshold is ${pct(p.charter.threshold!)}).`, link: '#models' } : null;
        },
      },
      {
        id: 'registered',
        label: 'A model registered',
        needs: 'Register a run in Models.',
        rule: (_p, f) => {
          const v = first(f.versions.map((x) => ({ ...x, at: x.createdAt })));
          return v ? { at: v.at, words: `${v.model} v${v.version} was registered on ${formatDate(v.at, { time: true })}.`, link: '#models' } : null;
        },
      },
    ],
  },
  {
    id: 'deployment',
    label: 'Deployment',
    items: [
      {
        id: 'latency',
        label: 'Latency gate passed',
        needs: 'Check latency on a registered version in Deploy.',
        rule: (_p, f) => {
          const v = first(f.versions.filter((x) => x.latency?.pass).map((x) => ({ ...x, at: Date.parse(x.latency!.measuredAt) || x.createdAt })));
          return v ? { at: v.at, words: `${v.model} v${v.version} met the p95 ≤ ${v.latency!.targetP95Ms} ms target.`, link: '#deploy' } : null;
        },
      },
      {
        id: 'bundle',
        label: 'Bundle exported',
        needs: 'Export a bundle in Deploy.',
        rule: (p) => {
          const e = first(events(p, 'bundle-exported'));
          return e ? { at: e.at, words: `${e.fileName} was exported on ${formatDate(e.at, { time: true })}.`, link: '#deploy' } : null;
        },
      },
      {
        id: 'gate',
        label: 'Release gate passed',
        needs: "Release through modelbench pipeline run, then import its registry folder in Models: the gate's verdict comes with it.",
        rule: (p) => {
          const e = first(events(p, 'gate').filter((x) => x.pass));
          return e ? { at: e.at, words: `${e.model} v${e.version} passed the gate (${e.source}).`, link: '#models' } : null;
        },
      },
    ],
  },
  {
    id: 'acceptance',
    label: 'Customer acceptance',
    items: [
      {
        id: 'abtest',
        label: 'A/B experiment analysed',
        needs: 'Analyse an experiment log in Deploy → A/B test.',
        rule: (p) => {
          const e = first(events(p, 'ab-analysed'));
          return e ? { at: e.at, words: `An A/B experiment of ${formatCount(e.units)} units was analysed: ${quote(e.verdict)}`, link: '#deploy' } : null;
        },
      },
      { id: 'signoff', label: 'Customer signed off', needs: 'Tick it once the customer has accepted the model.' },
      { id: 'handover', label: 'Exit report handed over', needs: 'Download the exit report below, share it, then tick this.' },
    ],
  },
];

/** Every item id a person may tick by hand. */
export const MANUAL_ITEMS: ReadonlySet<string> = new Set(STAGES.flatMap((s) => s.items.filter((i) => !i.rule).map((i) => i.id)));

/** The board of `project`, judged on the facts of its own datasets, runs and versions. */
export function projectBoard(project: Project, allFacts: ProjectFacts): BoardStage[] {
  const facts = scopeFacts(project, allFacts);
  return STAGES.map((stage) => ({
    id: stage.id,
    label: stage.label,
    items: stage.items.map((spec): BoardItem => {
      if (spec.rule) return { id: spec.id, label: spec.label, mode: 'auto', needs: spec.needs, evidence: spec.rule(project, facts) };
      const tick = project.ticks.find((t) => t.item === spec.id);
      const evidence = tick ? { at: tick.at, words: `Ticked by you on ${formatDate(tick.at, { time: true })}${tick.note ? `: ${quote(tick.note)}` : '.'}`, link: '#project' } : null;
      return { id: spec.id, label: spec.label, mode: 'manual', needs: spec.needs, evidence };
    }),
  }));
}
