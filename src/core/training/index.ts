/**
 * Training as a service: measuring TF.js backends, running an experiment or a random search on the
 * chosen one, and handing back the model as files. The train worker exposes it over the browser's
 * devices; tests and Node pass their own `Devices`.
 */
export { createTrainService, type TrainService, type TrainOutput, type ModelArtifacts, type WorkerTrainOptions, type WorkerSearchOptions } from './trainService';
export type { ProbeOptions, ProbeSample, TrainStatus } from './trainProbe';
export type { Devices } from './devices';
export { browserDevices, type WasmPaths } from './browserDevices';
