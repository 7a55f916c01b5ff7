/** Crossing threads: one way to expose a service from a worker, errors that keep their class, and yielding to the event loop. */
export { exposeService } from './exposeService';
export { registerErrorTransfer } from './errorTransfer';
export { deliveries } from './deliveries';
export { nextTask } from './nextTask';
