import type { EventMap, EventName } from '../contract';

export type EventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/**
 * Fan-out of domain events to whatever transports are attached (Electron windows,
 * browser clients over server-sent events). A listener that throws must not stop
 * the others or the domain operation that emitted the event.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        console.error(`event listener failed for ${event}:`, (error as Error).message);
      }
    }
  }
}
