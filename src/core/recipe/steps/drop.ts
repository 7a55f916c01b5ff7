import type { Table } from '../../table';
import type { DropStep, FittedStep } from '../types';
import { findColumn } from '../frame';

type FittedDrop = Extract<FittedStep, { kind: 'drop' }>;

export function fitDrop(step: DropStep, table: Table, where: string): FittedDrop {
  for (const name of step.columns) findColumn(table, name, where);
  return { kind: 'drop', columns: [...step.columns] };
}

/** Dropping a column the table lacks is fine at transform time (scoring data may omit it). */
export function applyDrop(f: FittedDrop, table: Table): Table {
  const drop = new Set(f.columns);
  return { ...table, columns: table.columns.filter((c) => !drop.has(c.name)) };
}
