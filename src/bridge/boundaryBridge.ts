import type { BoundaryWorkerApi } from '../../workers/boundary';
import { WorkerBridge } from './WorkerBridge';

/** The live decision-boundary worker; stopping it (an aborted call) is the only sure stop for its TF.js loop. */
export function boundaryBridge(): WorkerBridge<BoundaryWorkerApi> {
  return new WorkerBridge<BoundaryWorkerApi>({
    create: () => new Worker(new URL('../../workers/boundary.ts', import.meta.url), { type: 'module' }),
    crashed: (detail) => new Error(`The boundary worker stopped (${detail}). Start it again.`),
    cancelled: 'The boundary run was stopped.',
  });
}
