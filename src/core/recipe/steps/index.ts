/** Dispatch from a step's kind to its fit and apply. */
import type { Table } from '../../table';
import type { ColumnStep, FittedStep } from '../types';
import { applyClip, fitClip } from './clip';
import { applyDatetime, fitDatetime } from './datetime';
import { applyDerive, fitDerive } from './derive';
import { applyDrop, fitDrop } from './drop';
import { applyEncode, fitEncode } from './encode';
import { applyImpute, fitImpute } from './impute';
import { applyPower, fitPower } from './power';
import { applyScale, fitScale } from './scale';
import { applyText, fitText } from './text';

export { validateDerive, type DeriveCheck } from './derive';
export { yeoJohnson, fitYeoJohnson } from './power';
export { datetimeNames } from './datetime';
export { encodedNames, OTHER } from './encode';
export { outlineText, textRows, textTail, type TextRows } from './text';

/** Learns a step's parameters from (training) `table`; `where` names the step in errors. */
export function fitStep(step: ColumnStep, table: Table, where: string): FittedStep {
  switch (step.kind) {
    case 'drop': return fitDrop(step, table, where);
    case 'impute': return fitImpute(step, table, where);
    case 'scale': return fitScale(step, table, where);
    case 'encode': return fitEncode(step, table, where);
    case 'datetime': return fitDatetime(step, table, where);
    case 'power': return fitPower(step, table, where);
    case 'clip': return fitClip(step, table, where);
    case 'derive': return fitDerive(step, table, where);
    case 'text': return fitText(step, table, where);
  }
}

export function applyStep(f: FittedStep, table: Table, where: string): Table {
  switch (f.kind) {
    case 'drop': return applyDrop(f, table);
    case 'impute': return applyImpute(f, table, where);
    case 'scale': return applyScale(f, table, where);
    case 'encode': return applyEncode(f, table, where);
    case 'datetime': return applyDatetime(f, table, where);
    case 'power': return applyPower(f, table, where);
    case 'clip': return applyClip(f, table, where);
    case 'derive': return applyDerive(f, table, where);
    case 'text': return applyText(f, table, where);
  }
}
