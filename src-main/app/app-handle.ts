import type { Result } from '../contract';
import type { EventBus } from '../events/event-bus';
import type { Session } from './session';

/** What every host (Electron entry, browser transport, CLI, tests) gets from openApp(). */
export interface AppHandle {
  /** Validates the input against the contract and runs the handler; never throws. */
  dispatch(method: string, input: unknown, session: Session): Promise<Result<unknown>>;
  events: EventBus;
  /** Starts the status action job runner (idempotent). */
  startJobs(): void;
  /** Stops the runner, waits for the running job, closes the database. */
  close(): Promise<void>;
}
