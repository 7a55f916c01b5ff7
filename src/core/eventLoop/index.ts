/** Yielding to the event loop from long work, without a timer's floor. */
export { nextTask } from './nextTask';
