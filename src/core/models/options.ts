/** Option metadata shared by every model's meta.ts, and the normaliser that applies it. */
import type { Task } from '../recipe';
import { TrainingError, type ModelKind, type OptionValue } from './types';

export type OptionMeta =
  | { name: string; label: string; type: 'number' | 'integer'; default: number; min: number; max: number; log?: boolean; help?: string; search?: [number, number] }
  | { name: string; label: string; type: 'choice'; default: string; choices: string[]; help?: string; /** Words shown for each choice value (the value itself when absent). */ choiceLabels?: Record<string, string> }
  | { name: string; label: string; type: 'boolean'; default: boolean; help?: string };

/**
 * Option metadata. `log` marks options best varied on a log scale; `search` is the range random
 * search samples from (log-uniform when `log`), narrower than the allowed [min, max].
 */
export interface ModelMeta {
  kind: ModelKind;
  label: string;
  description: string;
  tasks: Task[];
  options: OptionMeta[];
  /** Options random search varies (the rest stay at their defaults). */
  searchable: string[];
}

/** Fills defaults and checks types and ranges; unknown options are an error naming the valid ones. */
export function resolveOptions(meta: ModelMeta, given: Record<string, unknown> = {}): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const key of Object.keys(given)) {
    if (!meta.options.some((o) => o.name === key)) {
      throw new TrainingError(`Option '${key}' is not known to ${meta.label}; valid options: ${meta.options.map((o) => o.name).join(', ')}.`);
    }
  }
  for (const o of meta.options) {
    const v = given[o.name] ?? o.default;
    const bad = (why: string): never => {
      throw new TrainingError(`${meta.label} option '${o.name}' = ${JSON.stringify(v)}: ${why}.`);
    };
    if (o.type === 'number' || o.type === 'integer') {
      if (typeof v !== 'number' || !Number.isFinite(v)) bad('expected a number');
      const num = v as number;
      if (o.type === 'integer' && !Number.isInteger(num)) bad('expected a whole number');
      if (num < o.min || num > o.max) bad(`expected ${o.min} to ${o.max}`);
    } else if (o.type === 'choice') {
      if (!o.choices.includes(v as string)) bad(`expected one of ${o.choices.join(', ')}`);
    } else if (typeof v !== 'boolean') bad('expected true or false');
    out[o.name] = v as OptionValue;
  }
  return out;
}
