/**
 * The bundle of a run read from a run directory, built in memory as `modelbench export` builds it
 * (without its latency measurement), for `gate` and `registry register`; the studio's registry
 * folder export builds it with the same function.
 */
export { bundleOfRun } from '../core/registryFolder';
