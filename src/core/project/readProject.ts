/**
 * Reads a project from untrusted JSON (a workspace file, a registry folder): every field checked,
 * every failure naming the place and the value found.
 */
import { charterProblems, CHARTER_FIELD_MAX } from './charter';
import type { Charter, DataSummary, ManualTick, Project, ProjectEvent } from './types';

export class ProjectError extends Error {
  override name = 'ProjectError';
}

type Obj = Record<string, unknown>;

function bad(place: string, value: unknown, expected: string): never {
  const shown = JSON.stringify(value)?.slice(0, 80) ?? String(value);
  throw new ProjectError(`${place} is ${shown}; expected ${expected}.`);
}

function obj(value: unknown, place: string): Obj {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) bad(place, value, 'an object');
  return value as Obj;
}

const own = (o: Obj, key: string) => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);

function str(o: Obj, key: string, place: string, max = CHARTER_FIELD_MAX): string {
  const v = own(o, key);
  if (typeof v !== 'string' || v.length > max) bad(`${place}.${key}`, v, `text of at most ${max} characters`);
  return v;
}

function num(o: Obj, key: string, place: string): number {
  const v = own(o, key);
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(`${place}.${key}`, v, 'a finite number');
  return v;
}

function arr<T>(o: Obj, key: string, place: string, read: (v: unknown, at: string) => T, max = 100_000): T[] {
  const v = own(o, key);
  if (!Array.isArray(v) || v.length > max) bad(`${place}.${key}`, v, `a list of at most ${max} entries`);
  return v.map((x, i) => read(x, `${place}.${key}[${i}]`));
}

function readCharter(value: unknown, place: string): Charter {
  const o = obj(value, place);
  const threshold = own(o, 'threshold');
  const charter: Charter = {
    question: str(o, 'question', place),
    metric: str(o, 'metric', place, 100),
    threshold: threshold === null ? null : num(o, 'threshold', place),
    stakeholders: str(o, 'stakeholders', place),
    dataSources: str(o, 'dataSources', place),
    timeline: str(o, 'timeline', place),
  };
  const problem = charterProblems(charter)[0];
  if (problem) throw new ProjectError(`${place}.${problem.field}: ${problem.message}`);
  return charter;
}

function readSummary(value: unknown, place: string): DataSummary {
  const o = obj(value, place);
  const target = own(o, 'target');
  return {
    name: str(o, 'name', place),
    rows: num(o, 'rows', place),
    columns: num(o, 'columns', place),
    missingCellsRatio: num(o, 'missingCellsRatio', place),
    duplicateRows: num(o, 'duplicateRows', place),
    alerts: arr(o, 'alerts', place, (v, at) => (typeof v === 'string' ? v : bad(at, v, 'text')), 1000),
    columnTable: arr(o, 'columnTable', place, (v, at) => {
      const c = obj(v, at);
      return { name: str(c, 'name', at), type: str(c, 'type', at, 50), missingRatio: num(c, 'missingRatio', at), distinct: num(c, 'distinct', at) };
    }, 1000),
    target: target === null ? null : (() => {
      const t = obj(target, `${place}.target`);
      const at = `${place}.target`;
      return { name: str(t, 'name', at), associations: arr(t, 'associations', at, (v, p) => { const a = obj(v, p); return { column: str(a, 'column', p), measure: str(a, 'measure', p, 50), value: num(a, 'value', p) }; }, 1000) };
    })(),
  };
}

function readEvent(value: unknown, place: string): ProjectEvent {
  const o = obj(value, place);
  const at = num(o, 'at', place);
  const kind = own(o, 'kind');
  if (kind === 'data-report') {
    const format = own(o, 'format');
    if (format !== 'html' && format !== 'json') bad(`${place}.format`, format, '"html" or "json"');
    return { kind, at, format, summary: readSummary(own(o, 'summary'), `${place}.summary`) };
  }
  if (kind === 'bundle-exported') return { kind, at, model: str(o, 'model', place, 200), version: str(o, 'version', place, 50), fileName: str(o, 'fileName', place, 300) };
  if (kind === 'ab-analysed') return { kind, at, verdict: str(o, 'verdict', place), units: num(o, 'units', place) };
  if (kind === 'gate') {
    const pass = own(o, 'pass');
    if (typeof pass !== 'boolean') bad(`${place}.pass`, pass, 'true or false');
    return { kind, at, model: str(o, 'model', place, 200), version: str(o, 'version', place, 50), pass, source: str(o, 'source', place, 300) };
  }
  return bad(`${place}.kind`, kind, '"data-report", "bundle-exported", "ab-analysed" or "gate"');
}

function readTick(value: unknown, place: string): ManualTick {
  const o = obj(value, place);
  return { item: str(o, 'item', place, 100), at: num(o, 'at', place), note: str(o, 'note', place) };
}

/** A project read from JSON; throws `ProjectError` naming the first problem (`place` prefixes every path). */
export function readProject(value: unknown, place = 'project'): Project {
  const o = obj(value, place);
  const id = str(o, 'id', place, 200);
  if (id === '') bad(`${place}.id`, id, 'a non-empty id');
  return {
    id,
    name: str(o, 'name', place, 200),
    createdAt: num(o, 'createdAt', place),
    updatedAt: num(o, 'updatedAt', place),
    charter: readCharter(own(o, 'charter'), `${place}.charter`),
    datasetIds: arr(o, 'datasetIds', place, (v, at) => (typeof v === 'string' && v !== '' ? v : bad(at, v, 'a dataset id'))),
    events: arr(o, 'events', place, readEvent),
    ticks: arr(o, 'ticks', place, readTick, 1000),
  };
}
