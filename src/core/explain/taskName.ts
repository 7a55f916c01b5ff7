import type { Task } from '../recipe';

const NAMES: Record<Task, string> = { binary: 'binary classification', multiclass: 'multiclass classification', regression: 'regression' };

/** A task as people name it ("binary classification"), for headings and summaries; the code word is for JSON. */
export function taskName(task: string): string {
  return NAMES[task as Task] ?? task;
}
