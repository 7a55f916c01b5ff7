/** Crossing threads: one way to expose a service from a worker, and errors that keep their class. */
export { exposeService } from './exposeService';
export { registerErrorTransfer } from './errorTransfer';
export { deliveries } from './deliveries';
