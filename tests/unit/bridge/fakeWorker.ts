/** A "worker" for bridge tests: a Comlink api exposed on one end of a MessageChannel in this thread. */
import { expose } from 'comlink';
import type { WorkerLike } from '../../../src/bridge/WorkerBridge';

export interface FakeWorker extends WorkerLike {
  readonly terminated: boolean;
  /** Fires an `error` event, as a crashed worker would. */
  crash(message: string): void;
  /** Fires a `messageerror` event, as a worker whose message could not be deserialised would. */
  messageError(): void;
}

export function fakeWorker(api: object): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  expose(api, port2 as unknown as Parameters<typeof expose>[1]);
  const listeners = { error: new Set<EventListenerOrEventListenerObject>(), messageerror: new Set<EventListenerOrEventListenerObject>() };
  const fire = (type: keyof typeof listeners, event: Event) => {
    for (const l of listeners[type]) (typeof l === 'function' ? l : l.handleEvent.bind(l))(event);
  };
  let terminated = false;
  port1.start();
  return {
    get terminated() {
      return terminated;
    },
    postMessage: (message: unknown, transfer?: Transferable[]) => port1.postMessage(message, transfer ?? []),
    addEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      if (type in listeners) listeners[type as keyof typeof listeners].add(listener);
      else port1.addEventListener(type as 'message', listener as (e: MessageEvent) => void);
    },
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      if (type in listeners) listeners[type as keyof typeof listeners].delete(listener);
      else port1.removeEventListener(type as 'message', listener as (e: MessageEvent) => void);
    },
    terminate() {
      terminated = true;
      port1.close();
      port2.close();
    },
    crash(message: string) {
      fire('error', Object.assign(new Event('error', { cancelable: true }), { message }));
    },
    messageError() {
      fire('messageerror', new Event('messageerror'));
    },
  };
}
