/** Option metadata shared by every model's meta.ts, and the normaliser that applies it. */
import type { Task } from '../recipe';
import { nearestName, num } from '../format';
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
      const near = nearestName(key, meta.options.map((o) => o.name));
      throw new TrainingError(`${meta.label} has no option "${key}".${near ? ` Did you mean "${near}"?` : ''} Its options: ${meta.options.map((o) => o.name).join(', ')}.`);
    }
  }
  for (const o of meta.options) {
    const v = given[o.name] ?? o.default;
    const bad = (why: string): never => {
      throw new TrainingError(`${meta.label}: ${o.label} is ${JSON.stringify(v)}; it must be ${why}.`);
    };
    if (o.type === 'number' || o.type === 'integer') {
      const whole = o.type === 'integer' ? 'a whole number ' : 'a number ';
      const range = `${whole}from ${num(o.min)} to ${num(o.max)}`;
      if (typeof v !== 'number' || !Number.isFinite(v)) bad(range);
      const x = v as number;
      if ((o.type === 'integer' && !Number.isInteger(x)) || x < o.min || x > o.max) bad(range);
    } else if (o.type === 'choice') {
      if (!o.choices.includes(v as string)) bad(`one of ${o.choices.join(', ')}`);
    } else if (typeof v !== 'boolean') bad('true or false');
    out[o.name] = v as OptionValue;
  }
  return out;
}
