/**
 * The scoring server: MLflow's /invocations and the Open Inference Protocol (v2), health, metadata,
 * OpenAPI and Prometheus metrics, micro-batching, request limits, access logs and graceful stops.
 * Written once as self-contained functions: `modelbench serve` runs them with Node's modules passed
 * in, and every bundle carries them as serve.mjs (plus a Dockerfile).
 */
export { runServer, type RunningServer, type ServeEnv, type ServeParts, type AbServing } from './runServer';
export { serveModule, SERVE_PARTS, SERVER_VERSION } from './serveSource';
export { parseServeArgs, SERVE_FLAGS } from './serveArgs';
export { servedModel } from './servedModel';
export { bundleDockerfile } from './dockerfile';
export { abServeModule, type AbServeParts } from './abServeSource';
export { abServing, type AbDeps } from './abServing';
export { clusterPrimary, clusterWorker } from './clusterServe';
export { abServeInstructions, serveInstructions, requestRow, type AbServeInstructions, type ServeInstructions } from './serveInstructions';
export type { ServedModel, ServeOptions, BundleScorer, HttpModule } from './types';
