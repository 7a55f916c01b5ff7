/** Scoring as a service: latency, bundles, batch scoring, drift, offline comparison and A/B analysis over generated scorers. */
export { createScoreService, type Scorer } from './scoreService';
