/** A "worker" for bridge tests: a Comlink api exposed on one end of a MessageChannel in this thread. */
import { expose } from 'comlink';
import type { TrainWorker } from '../../../src/bridge/TrainBridge';

export interface FakeWorker extends TrainWorker {
  readonly terminated: boolean;
  /** Fires an `error` event, as a crashed worker would. */
  crash(message: string): void;
}

export function fakeWorker(api: object): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  expose(api, port2 as unknown as Parameters<typeof expose>[1]);
  const errorListeners = new Set<EventListenerOrEventListenerObject>();
  let terminated = false;
  port1.start();
  return {
    get terminated() {
      return terminated;
    },
    postMessage: (message: unknown, transfer?: Transferable[]) => port1.postMessage(message, transfer ?? []),
    addEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      if (type === 'error') errorListeners.add(listener);
      else port1.addEventListener(type as 'message', listener as (e: MessageEvent) => void);
    },
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      if (type === 'error') errorListeners.delete(listener);
      else port1.removeEventListener(type as 'message', listener as (e: MessageEvent) => void);
    },
    terminate() {
      terminated = true;
      port1.close();
      port2.close();
    },
    crash(message: string) {
      const event = Object.assign(new Event('error', { cancelable: true }), { message });
      for (const l of errorListeners) (typeof l === 'function' ? l : l.handleEvent.bind(l))(event);
    },
  };
}
